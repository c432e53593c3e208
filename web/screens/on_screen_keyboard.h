// OnScreenKeyboard: a kiosk has no keyboard. While a text field is active on a touch screen, a
// keyboard is drawn along the bottom: Latin letters (pinyin, names, a SKU) or digits (phone, ID
// number — with X — and district code), chosen by the field.
//
// Its keys are not ImGui widgets: a tap on one would make ImGui end the text field's editing.
// Touches on the keyboard are taken before ImGui sees them (between the backend's NewFrame and
// ImGui::NewFrame) and become characters or keys for the active field.
#pragma once

#include "web/state/keyboard.h"

#include <imgui.h>

namespace bondstore::web {

struct App;
struct TestView;

// The keys the text field just drawn asks for, if it is active (Latin unless a field asks).
void WantKeyboard(OnScreenKeyboard& k, KeyboardLayout layout);

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
