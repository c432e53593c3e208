#include "web/screens/on_screen_keyboard.h"

#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include <imgui_internal.h> // ending the active field's editing

#include <algorithm>

namespace bondstore::web {

namespace {

enum Action { kChar = 0, kBackspace = 1, kDone = 2 };

// Key caps, row by row (QWERTY: what pinyin is typed on). The hyphen joins the last Latin row and
// the X (the ID number's check character) the last digit row.
const char* const kLatinRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
const char* const kDigitRows[] = {"123", "456", "789", "0"};
constexpr char kLatinExtra = '-', kDigitExtra = 'X';

// The keys' labels and what they do, row by row; each row is centred. Space, Backspace and Done
// are words in the shopper's language.
std::vector<std::vector<OnScreenKeyboard::Key>> Layout(App& app, KeyboardLayout layout)
{
    std::vector<std::vector<OnScreenKeyboard::Key>> rows;
    for (const char* row : layout == KeyboardLayout::Latin ? std::vector<const char*>(std::begin(kLatinRows), std::end(kLatinRows))
                                                           : std::vector<const char*>(std::begin(kDigitRows), std::end(kDigitRows))) {
        rows.emplace_back();
        for (const char* c = row; *c; c++) rows.back().push_back({std::string(1, *c), static_cast<unsigned char>(*c), kChar, {}, {}});
    }
    const char extra = layout == KeyboardLayout::Latin ? kLatinExtra : kDigitExtra;
    auto& last = rows.back();
    last.insert(layout == KeyboardLayout::Latin ? last.end() : last.begin(), {std::string(1, extra), static_cast<unsigned char>(extra), kChar, {}, {}});
    // Space (Latin), Backspace and Done on the last row.
    if (layout == KeyboardLayout::Latin) rows.push_back({{Shown(app, app.messages.Format("osk.space")), ' ', kChar, {}, {}}});
    rows.back().push_back({Shown(app, app.messages.Format("osk.backspace")), 0, kBackspace, {}, {}});
    rows.back().push_back({Shown(app, app.messages.Format("osk.done")), 0, kDone, {}, {}});
    return rows;
}

bool Inside(ImVec2 p, ImVec2 min, ImVec2 max) { return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y; }

} // namespace

void WantKeyboard(OnScreenKeyboard& k, KeyboardLayout layout)
{
    if (ImGui::IsItemActive()) k.wanted = layout;
}

void KeepAboveKeyboard(const OnScreenKeyboard& k)
{
    if (!k.visible || !ImGui::IsItemActive()) return;
    float covered = ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y * 2 - k.panel_min.y;
    if (covered > 0) ImGui::SetScrollY(ImGui::GetScrollY() + covered);
}

void KeyboardRoom(const OnScreenKeyboard& k)
{
    if (k.visible) ImGui::Dummy(ImVec2(1, k.panel_max.y - k.panel_min.y));
}

void InterceptKeyboardTouch(OnScreenKeyboard& k)
{
    ImGuiIO& io = ImGui::GetIO();
    const int backspace = io.KeyMap[ImGuiKey_Backspace];
    if (k.backspace_frames > 0 && --k.backspace_frames == 0) io.KeysDown[backspace] = false;
    bool down = io.MouseDown[0];
    if (!down) { k.captured = false; k.pressed = -1; return; }
    if (!k.captured) {
        // A new touch: is it on the keyboard? (io.MouseDownDuration is last frame's: < 0 means up.)
        bool new_touch = io.MouseDownDuration[0] < 0;
        if (!new_touch || !k.visible || !Inside(io.MousePos, k.panel_min, k.panel_max)) return;
        k.captured = true;
        for (size_t i = 0; i < k.keys.size(); i++) {
            if (!Inside(io.MousePos, k.keys[i].min, k.keys[i].max)) continue;
            k.pressed = int(i);
            const OnScreenKeyboard::Key& key = k.keys[i];
            if (key.action == kChar) io.AddInputCharacter(key.ch);
            // Down for exactly one frame: held into a second frame that comes after ImGui's key-repeat
            // delay (a slow kiosk, 275 ms), one tap would take back two characters.
            else if (key.action == kBackspace) { io.KeysDown[backspace] = true; k.backspace_frames = 1; }
            else if (key.action == kDone) k.done = true;
        }
    }
    io.MouseDown[0] = false; // ImGui never sees a touch that belongs to the keyboard
}

void DrawOnScreenKeyboard(App& app, TestView& view, OnScreenKeyboard& k)
{
    ImGuiIO& io = ImGui::GetIO();
    if (k.done) {
        k.done = false;
        ImGui::ClearActiveID(); // the field's editing ends, as Enter would
    }
    bool show = app.display.touch && io.WantTextInput && ImGui::GetActiveID() != 0;
    k.layout = k.wanted;
    k.wanted = KeyboardLayout::Latin;
    k.visible = show;
    k.keys.clear();
    if (!show) return;

    auto rows = Layout(app, k.layout);
    const float key = Px(app, 64), gap = Px(app, 8), pad = Px(app, 12);
    // Space four keys wide; the word keys as wide as their word needs, at least two keys.
    auto key_width = [&](const OnScreenKeyboard::Key& r) {
        return r.ch == ' ' ? 4 * key + 3 * gap
             : r.action != kChar ? std::max(2 * key + gap, ImGui::CalcTextSize(r.label.c_str()).x + 2 * pad) : key;
    };
    auto row_width = [&](const std::vector<OnScreenKeyboard::Key>& row) {
        float w = -gap;
        for (const OnScreenKeyboard::Key& r : row) w += gap + key_width(r);
        return w;
    };
    float width = 0;
    for (const auto& row : rows) width = std::max(width, row_width(row) + 2 * pad);
    float height = rows.size() * key + (rows.size() - 1) * gap + 2 * pad;
    ImVec2 display = io.DisplaySize;
    k.panel_min = ImVec2((display.x - width) / 2, display.y - height);
    k.panel_max = ImVec2(k.panel_min.x + width, display.y);
    // Drawn over everything, taking no input of its own (InterceptKeyboardTouch does).
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImGuiStyle& style = ImGui::GetStyle();
    draw->AddRectFilled(k.panel_min, k.panel_max, ImGui::GetColorU32(ImGuiCol_PopupBg), style.FrameRounding);
    draw->AddRect(k.panel_min, k.panel_max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding);
    float y = k.panel_min.y + pad;
    for (const auto& row : rows) {
        float x = k.panel_min.x + (width - row_width(row)) / 2;
        for (const OnScreenKeyboard::Key& r : row) {
            float w = key_width(r);
            OnScreenKeyboard::Key placed = r;
            placed.min = ImVec2(x, y);
            placed.max = ImVec2(x + w, y + key);
            bool pressed = k.pressed == int(k.keys.size());
            draw->AddRectFilled(placed.min, placed.max,
                                ImGui::GetColorU32(pressed ? ImGuiCol_ButtonActive : r.action == kDone ? ImGuiCol_ButtonHovered : ImGuiCol_Button),
                                style.FrameRounding);
            ImVec2 t = ImGui::CalcTextSize(r.label.c_str());
            draw->AddText(ImVec2(x + (w - t.x) / 2, y + (key - t.y) / 2), ImGui::GetColorU32(ImGuiCol_Text), r.label.c_str());
            std::string id = r.action == kBackspace ? "backspace" : r.action == kDone ? "done" : r.ch == ' ' ? "space" : r.label;
            float css = 1 / view.dpr;
            view.widgets.push_back({"osk." + id, placed.min.x * css, placed.min.y * css, w * css, key * css, "", ""}); // (drawn, not an ImGui item: not in the accessibility tree)
            k.keys.push_back(std::move(placed));
            x += w + gap;
        }
        y += key + gap;
    }
    view.keyboard = k.layout == KeyboardLayout::Digits ? "digits" : "latin";
}

} // namespace bondstore::web
