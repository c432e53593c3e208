// The on-screen keyboard's state: a kiosk has no keyboard, so while a text field is active on a
// touch screen one is drawn along the bottom (screens/on_screen_keyboard.h draws it and turns
// touches on it into input). Which keys a field wants: KeyboardLayout, the one enum for it.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace bondstore::web {

enum class KeyboardLayout { Latin, Digits };

struct OnScreenKeyboard {
    bool visible = false;               // drawn last frame
    KeyboardLayout layout = KeyboardLayout::Latin;
    KeyboardLayout wanted = KeyboardLayout::Latin; // what the active field asked for this frame
    struct Key { std::string label; unsigned int ch = 0; int action = 0; ImVec2 min, max; };
    std::vector<Key> keys;              // where each key was drawn (device pixels)
    ImVec2 panel_min, panel_max;
    bool captured = false;              // the current touch began on the keyboard
    int pressed = -1;                   // the key being touched (drawn pressed)
    int backspace_frames = 0;           // Backspace held for ImGui this many more frames
    bool done = false;                  // "done" tapped: end the field's editing this frame
};

} // namespace bondstore::web
