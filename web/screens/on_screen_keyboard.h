// OnScreenKeyboard: a kiosk has no keyboard. While a text field is active on a touch screen, a
// keyboard is drawn along the bottom: Latin letters (pinyin, names, a SKU) or digits (phone, ID
// number — with X — and district code), chosen by the field.
//
// Its keys are not ImGui widgets: a tap on one would make ImGui end the text field's editing.
// Touches on the keyboard are taken before ImGui sees them (between the backend's NewFrame and
// ImGui::NewFrame) and become characters or keys for the active field.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace bondstore::web {

struct App;
struct TestView;

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

// The active text field asks for digits (call right after drawing it).
void WantDigitKeyboard(OnScreenKeyboard& k);

// After a text field: while it is active and the keyboard covers it, scrolls the field's window
// so the field sits just above the keyboard (from the next frame).
void KeepAboveKeyboard(const OnScreenKeyboard& k);
// At the end of a scrolling window of text fields: while the keyboard is up, room below the last
// field to scroll it above the keyboard.
void KeyboardRoom(const OnScreenKeyboard& k);

// Between the platform backend's NewFrame and ImGui::NewFrame: turns a touch on the keyboard into
// input for the focused field and hides it from ImGui.
void InterceptKeyboardTouch(OnScreenKeyboard& k);

// After the screens: draws the keyboard if a text field is active on a touch screen.
void DrawOnScreenKeyboard(App& app, TestView& view, OnScreenKeyboard& k);

} // namespace bondstore::web
