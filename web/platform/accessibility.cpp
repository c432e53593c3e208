#include "web/platform/accessibility.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h> // the last item's rect, id and window; SetFocusID, ClearActiveID, ScrollToRect

#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

// The tree, its listeners, and the keys that belong to it. Elements are keyed by item id and kept
// between writes, so a live region is the same element when its text changes, and a focused
// element is never re-created under the screen reader.
EM_JS(void, js_a11y_install, (), {
    var root = document.createElement("main");
    root.id = "a11y";
    document.body.appendChild(root);
    var A = { root: root, els: new Map(), programmatic: false };
    Module.bondstoreA11y = A;
    function itemOf(t) { return t && t.closest ? t.closest("#a11y > [data-id]") : null; }
    function tell(fn, id, x) { var p = allocateUTF8(id); fn(p, x); _free(p); }
    A.itemOf = itemOf;
    root.addEventListener("click", function (e) {
        var el = itemOf(e.target);
        if (!el) return;
        e.preventDefault(); // (a link's address is for reading and copying; the app moves itself)
        if (el.disabled || el.getAttribute("aria-disabled") === "true") return;
        tell(_bondstore_a11y_activate, el.dataset.id, 0);
    });
    root.addEventListener("focusin", function (e) {
        var el = itemOf(e.target);
        if (!el || A.programmatic) return;
        tell(_bondstore_a11y_focus, el.dataset.id, 1);
        // A text field is for typing: focusing it starts the edit (the text bridge takes the keys).
        if (el.getAttribute("role") === "textbox") tell(_bondstore_a11y_activate, el.dataset.id, 0);
    });
    A.focusables = function () {
        return Array.prototype.filter.call(root.children, function (el) { return el.tabIndex >= 0 && !el.disabled; });
    };
    window.addEventListener("keydown", function (e) {
        var el = itemOf(e.target), bridge = e.target && e.target.id === "bondstore-text-input";
        if (e.key === "Tab" && !e.altKey && !e.ctrlKey && !e.metaKey) {
            e.stopImmediatePropagation(); // (GLFW would swallow it; ImGui's own Tab reaches text fields only)
            if (el) return;                // the browser moves the focus among the tree's elements
            var list = A.focusables();
            if (!list.length) return;
            e.preventDefault();
            var from = bridge ? root.querySelector("[data-editing]") : null;
            var i = from ? list.indexOf(from) : -1;
            var next = i < 0 ? (e.shiftKey ? list[list.length - 1] : list[0]) : list[i + (e.shiftKey ? -1 : 1)];
            if (next) next.focus({preventScroll: true});
            return;
        }
        if (el && (e.key === "Enter" || e.key === " ")) {
            e.stopImmediatePropagation(); // the browser clicks the element; ImGui must not act on the key too
            if (el.getAttribute("role") === "textbox" || (el.tagName === "A" && e.key === " ")) {
                e.preventDefault();
                el.click();
            }
        }
    }, true);
});

// Writes the frame's items: records split by RS (30), fields by US (31): id, role, level, name,
// value, flags (1 on, 2 disabled, 4 secret), x, y, w, h.
EM_JS(void, js_a11y_write, (const char* wire_ptr, const char* lang_ptr, int rtl), {
    var A = Module.bondstoreA11y;
    if (!A) return;
    var root = A.root, RS = String.fromCharCode(30), US = String.fromCharCode(31);
    root.lang = UTF8ToString(lang_ptr);
    root.dir = rtl ? "rtl" : "ltr";
    var active = document.activeElement;
    var hadFocus = root.contains(active);
    var wire = UTF8ToString(wire_ptr);
    var records = wire.length ? wire.split(RS) : [];
    var tags = ["button", "a", "div", "button", "button", "button", "h", "p", "div", "div", "div"];
    var roles = [null, null, "textbox", "checkbox", null, null, null, null, "img", "status", "alert"];
    var order = [], seen = new Set();
    for (var k = 0; k < records.length; k++) {
        var f = records[k].split(US);
        var id = f[0], role = +f[1], level = +f[2], name = f[3], value = f[4], flags = +f[5];
        var kind = role + "." + level;
        var el = A.els.get(id);
        if (el && el.dataset.kind !== kind) { el.remove(); A.els.delete(id); el = null; }
        if (!el) {
            var tag = tags[role] === "h" ? "h" + Math.min(Math.max(level, 1), 6) : tags[role];
            el = document.createElement(tag);
            el.dataset.id = id;
            el.dataset.kind = kind;
            if (tag === "button") el.type = "button";
            if (roles[role]) el.setAttribute("role", roles[role]);
            if (role === 2) el.tabIndex = 0;
            if (tags[role] === "h") el.tabIndex = -1;
            A.els.set(id, el);
        }
        var on = (flags & 1) !== 0, disabled = (flags & 2) !== 0, secret = (flags & 4) !== 0;
        if (role === 2 || role === 8) {
            if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
            var text = role === 2 && !secret ? value : "";
            if (el.textContent !== text) el.textContent = text;
        } else if (el.textContent !== name) {
            el.textContent = name;
        }
        if (role === 1 && el.getAttribute("href") !== value) el.setAttribute("href", value);
        if (role === 2) { if (on) el.setAttribute("data-editing", ""); else el.removeAttribute("data-editing"); }
        if (role === 3) el.setAttribute("aria-checked", on ? "true" : "false");
        if (role === 4) el.setAttribute("aria-expanded", on ? "true" : "false");
        if (role === 5) { if (on) el.setAttribute("aria-current", "true"); else el.removeAttribute("aria-current"); }
        if (el.tagName === "BUTTON") el.disabled = disabled;
        else if (role <= 2) { if (disabled) el.setAttribute("aria-disabled", "true"); else el.removeAttribute("aria-disabled"); }
        var s = el.style;
        s.left = f[6] + "px"; s.top = f[7] + "px"; s.width = f[8] + "px"; s.height = f[9] + "px";
        order.push(el);
        seen.add(id);
    }
    // Gone first (so no element that stays is moved past one that goes: a moved element loses the focus).
    A.els.forEach(function (el, id) { if (!seen.has(id)) { el.remove(); A.els.delete(id); } });
    var prev = null;
    for (var j = 0; j < order.length; j++) {
        var e = order[j];
        var want = prev ? prev.nextSibling : root.firstChild;
        if (e !== want) root.insertBefore(e, want);
        prev = e;
    }
    // The focused element went with its screen: the new screen's heading takes the focus, as a
    // page's would after a link (its first control if no heading comes within a few frames).
    if (hadFocus && !root.contains(document.activeElement)) A.lost = 0;
    if (A.lost !== undefined && A.lost !== null) {
        var active2 = document.activeElement;
        if (active2 && active2 !== document.body && active2 !== Module.canvas) {
            A.lost = null; // (the focus went somewhere meanwhile)
        } else {
            var to = root.querySelector("h1") || (A.lost >= 5 ? A.focusables()[0] : null);
            A.lost++;
            if (to) { to.focus({preventScroll: true}); A.lost = null; }
        }
    }
});

EM_JS(void, js_a11y_focus, (const char* id_ptr), {
    var A = Module.bondstoreA11y;
    if (!A) return;
    var el = A.els.get(UTF8ToString(id_ptr));
    if (!el || document.activeElement === el) return;
    A.programmatic = true;
    el.focus({preventScroll: true});
    A.programmatic = false;
});

using bondstore::web::Role;

struct Item {
    std::string id;
    bondstore::web::Description d;
    bool disabled = false;
    float x = 0, y = 0, w = 0, h = 0; // the visible part, CSS pixels
    ImGuiID imgui_id = 0;
};

struct Mirror {
    float dpr = 1;
    std::vector<Item> items, shown; // this frame's; the last frame's
    std::unordered_set<std::string> ids; // this frame's (an id drawn twice gets a suffix)
    std::string written;            // the wire last written to the page
    int texts = 0;                  // text items this frame (their ids)
    Role next_role = Role::Text;    // SetNextTextRole
    std::string next_id;
    int next_level = 1;
    bool skip_next = false;
    // From the page: the element with the DOM focus (and whether the keyboard put it there, so a
    // ring is drawn), and an element to activate.
    std::string focused;
    bool focus_ring = false, focus_arrived = false;
    bool focus_moved = false; // by the page since the last frame (it may have left a text field)
    std::string activate;
    int replay = 0; // 1: pressed this frame, release next
    ImVec2 replay_at;
    ImGuiID last_nav = 0;
    int writes = 0;
    float publish_ms = 0;
};

Mirror g_mirror;

bool Interactive(bondstore::web::Role r)
{
    using bondstore::web::Role;
    return r == Role::Button || r == Role::Link || r == Role::TextField || r == Role::Checkbox || r == Role::Disclosure ||
           r == Role::Option;
}

const Item* ShownItem(const std::string& id)
{
    for (const Item& i : g_mirror.shown)
        if (i.id == id) return &i;
    return nullptr;
}

// Keeps the wire's separators out of the text.
void Field(std::string& out, const std::string& s)
{
    for (char c : s) out += (c == '\x1e' || c == '\x1f') ? ' ' : c;
    out += '\x1f';
}

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_a11y_focus(const char* id, int ring)
{
    g_mirror.focused = id;
    g_mirror.focus_ring = ring != 0;
    g_mirror.focus_arrived = true;
    g_mirror.focus_moved = true;
}

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_a11y_activate(const char* id, int)
{
    g_mirror.activate = id;
}

namespace bondstore::web {

const char* RoleName(Role role)
{
    static const char* const names[] = {"button", "link", "textbox", "checkbox", "disclosure", "option",
                                        "heading", "text", "img", "status", "alert"};
    return names[size_t(role)];
}

void InstallAccessibility() { js_a11y_install(); }

void BeginAccessibleFrame(float dpr)
{
    g_mirror.dpr = dpr;
    g_mirror.items.clear();
    g_mirror.ids.clear();
    g_mirror.texts = 0;
}

void DescribeItem(const std::string& id, Description d)
{
    ImGuiContext& c = *GImGui;
    ImGuiWindow* window = c.CurrentWindow;
    const ImRect rect = c.LastItemData.Rect;
    ImRect visible = rect;
    visible.ClipWith(window->ClipRect);
    if (visible.Min.x >= visible.Max.x || visible.Min.y >= visible.Max.y) visible = ImRect(rect.Min, rect.Min);
    Mirror& m = g_mirror;
    const float k = 1 / m.dpr;
    std::string key = id;
    for (int n = 2; !m.ids.insert(key).second; n++) key = id + "#" + std::to_string(n);
    Item item{std::move(key), std::move(d), (c.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0,
              std::round(visible.Min.x * k), std::round(visible.Min.y * k),
              std::round(visible.GetWidth() * k), std::round(visible.GetHeight() * k), c.LastItemData.ID};
    if (!m.focused.empty() && item.id == m.focused && Interactive(item.d.role)) {
        // ImGui's focus follows the page's (not a combo's: while its list is open the current
        // window is the list's). An open list keeps the focus inside it.
        const bool popup = (window->Flags & ImGuiWindowFlags_Popup) != 0;
        if (item.imgui_id != 0 && c.NavId != item.imgui_id && item.d.role != Role::Disclosure &&
            (popup || !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)))
            ImGui::SetFocusID(item.imgui_id, window);
        if (m.focus_arrived) {
            ImGui::ScrollToBringRectIntoView(window, rect);
            m.focus_arrived = false;
        }
        if (m.focus_ring) {
            const float pad = 2 * m.dpr;
            window->DrawList->AddRect(ImVec2(rect.Min.x - pad, rect.Min.y - pad), ImVec2(rect.Max.x + pad, rect.Max.y + pad),
                                      ImGui::GetColorU32(ImGuiCol_NavHighlight), c.Style.FrameRounding + pad, 0, 2 * m.dpr);
        }
    }
    m.items.push_back(std::move(item));
}

void SetNextTextRole(Role role, const std::string& id, int level)
{
    g_mirror.next_role = role;
    g_mirror.next_id = id;
    g_mirror.next_level = level;
}

void SkipNextText() { g_mirror.skip_next = true; }

void DescribeText(Description d)
{
    Mirror& m = g_mirror;
    if (m.skip_next) {
        m.skip_next = false;
        return;
    }
    d.role = m.next_role;
    d.level = m.next_level;
    std::string id = m.next_id.empty() ? "text." + std::to_string(m.texts++) : m.next_id;
    m.next_role = Role::Text;
    m.next_id.clear();
    m.next_level = 1;
    if (!d.name.empty()) DescribeItem(id, std::move(d));
}

void ReplayActivation()
{
    Mirror& m = g_mirror;
    ImGuiIO& io = ImGui::GetIO();
    if (m.replay == 1) { // the release, where the press was
        io.MousePos = m.replay_at;
        io.MouseDown[0] = false;
        m.replay = 0;
        return;
    }
    // The keyboard's focus left a text field being edited: the edit ends (else the text bridge
    // would take the focus back).
    ImGuiContext& c = *GImGui;
    if (m.focus_moved && c.ActiveId != 0 && c.ActiveId == c.InputTextState.ID) {
        const Item* f = ShownItem(m.focused);
        if (!f || f->imgui_id != c.ActiveId) ImGui::ClearActiveID();
    }
    m.focus_moved = false;
    if (m.activate.empty()) return;
    const Item* item = ShownItem(m.activate);
    m.activate.clear();
    if (!item || item->disabled || item->w <= 0 || item->h <= 0) return;
    // A text field is pressed near its end, so the caret lands after the text already there.
    float x = item->d.role == Role::TextField ? item->x + item->w - std::min(item->w / 2, 6.0f) : item->x + item->w / 2;
    m.replay_at = ImVec2(x * m.dpr, (item->y + item->h / 2) * m.dpr);
    io.MousePos = m.replay_at;
    io.MouseDown[0] = true;
    m.replay = 1;
}

void PublishAccessibleFrame(const std::string& lang, bool rtl, bool typing)
{
    Mirror& m = g_mirror;
    const double start = emscripten_get_now();
    // A press of the pointer (not a replayed one) hides the ring, as a browser's :focus-visible does.
    if (ImGui::GetIO().MouseClicked[0] && m.replay == 0) m.focus_ring = false;
    std::string wire;
    wire.reserve(m.written.size() + 64);
    for (const Item& i : m.items) {
        if (!wire.empty()) wire += '\x1e';
        Field(wire, i.id);
        wire += std::to_string(int(i.d.role)) + '\x1f' + std::to_string(i.d.level) + '\x1f';
        Field(wire, i.d.name);
        Field(wire, i.d.value);
        wire += std::to_string((i.d.on ? 1 : 0) | (i.disabled ? 2 : 0) | (i.d.secret ? 4 : 0)) + '\x1f';
        wire += std::to_string(int(i.x)) + '\x1f' + std::to_string(int(i.y)) + '\x1f' + std::to_string(int(i.w)) + '\x1f' +
                std::to_string(int(i.h));
    }
    if (wire != m.written) {
        js_a11y_write(wire.c_str(), lang.c_str(), rtl ? 1 : 0);
        m.written.swap(wire);
        m.writes++;
    }
    // The shopper moved ImGui's focus (a click, its arrow keys): the page's follows, unless a text
    // field holds it. (Not ImGui's own choice of a first item when a window appears: a new screen's
    // focus is its heading's, above.)
    const ImGuiID nav = GImGui->NavId;
    const bool pressed = ImGui::GetIO().MouseClicked[0] && m.replay == 0;
    if (nav != m.last_nav) {
        m.last_nav = nav;
        if (nav != 0 && !typing && (pressed || GImGui->NavJustMovedToId == nav))
            for (const Item& i : m.items)
                if (i.imgui_id == nav && Interactive(i.d.role) && i.id != m.focused) {
                    m.focused = i.id;
                    m.focus_ring = !GImGui->NavDisableHighlight;
                    js_a11y_focus(i.id.c_str());
                    break;
                }
    }
    m.shown.swap(m.items);
    m.publish_ms = float(emscripten_get_now() - start);
}

AccessibleStats CurrentAccessibleStats()
{
    return {int(g_mirror.shown.size()), g_mirror.writes, g_mirror.publish_ms};
}

} // namespace bondstore::web
