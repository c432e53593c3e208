// TextInput: typed text reaches ImGui through a hidden <textarea>, not through Emscripten's GLFW.
//
// GLFW's emulation reads characters only from `keypress`, which input methods never send: Chinese,
// Japanese and Korean text (and a browser's paste, dictation or autofill) would never arrive. While
// an ImGui text field is active, a focused, invisible textarea takes the browser's text instead:
// committed text (typed, composed by an IME, pasted) goes to ImGui as characters; keys (arrows,
// Backspace outside a composition, Enter, Ctrl+A/C/V) still reach ImGui through GLFW. The textarea
// sits at ImGui's text cursor so an input method's candidate window opens next to the field.
//
// The accessibility tree (accessibility.h) may hold the focus: a text field's element hands it to
// the textarea, which is then named after the field for screen readers (hidden from them
// otherwise); any other element keeps it (the keyboard has left the field).
//
// Copy goes to the system clipboard (navigator.clipboard); paste comes from the browser's own
// paste into the textarea, so ImGui's clipboard getter answers nothing (no double paste).
#pragma once

#include <string>

struct GLFWwindow;

namespace bondstore::web {

// Replaces GLFW's character callback and ImGui's clipboard functions. `on_screen_keyboard`: the
// device's own keyboard is not to pop up (a kiosk draws its own).
void InstallTextInput(GLFWwindow* window, bool on_screen_keyboard);

// Once per frame, before ImGui::NewFrame: hands ImGui the text that arrived, and focuses the
// textarea while ImGui wants text (releases it otherwise). Returns the text handed over (its
// glyphs may be new to the font atlas).
// `dpr`: device pixels per CSS pixel (ImGui's positions are in device pixels).
std::string UpdateTextInput(float dpr);

} // namespace bondstore::web
