#include "web/platform/text_input.h"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>

#include <string>

namespace {

// The textarea and its listeners. Committed text is the textarea's value at `input` (outside a
// composition) and at `compositionend`; it is handed over and cleared, so nothing is sent twice
// whatever order a browser fires those events in. Newlines are keys (Enter), not text.
EM_JS(void, js_install_text_input, (int no_device_keyboard), {
    var t = document.createElement("textarea");
    t.id = "bondstore-text-input";
    t.setAttribute("autocomplete", "off");
    t.setAttribute("autocorrect", "off");
    t.setAttribute("autocapitalize", "off");
    t.setAttribute("spellcheck", "false");
    t.setAttribute("aria-hidden", "true"); // (named and shown to screen readers while a field is edited)
    t.tabIndex = -1;                      // (Tab moves among the mirror's elements, never here)
    if (no_device_keyboard) t.setAttribute("inputmode", "none");
    // Invisible but focusable and placeable (display:none or a zero size would lose the IME).
    t.style.cssText = "position:fixed;left:0;top:0;width:2px;height:24px;opacity:0;border:0;padding:0;" +
                      "resize:none;overflow:hidden;background:transparent;color:transparent;caret-color:transparent;z-index:-1";
    document.body.appendChild(t);
    var composing = false;
    function flush() {
        var text = t.value.split(String.fromCharCode(13)).join("").split(String.fromCharCode(10)).join("");
        t.value = "";
        if (text.length === 0) return;
        var p = allocateUTF8(text);
        _bondstore_text_input(p);
        _free(p);
    }
    t.addEventListener("compositionstart", function () { composing = true; });
    t.addEventListener("compositionend", function () { composing = false; flush(); });
    t.addEventListener("input", function (e) { if (!composing && !e.isComposing) flush(); });
    // Keys that belong to a composition (Backspace, arrows, Enter choosing a candidate) are the
    // input method's, not ImGui's: GLFW listens on window in the capture phase, so stop them there.
    window.addEventListener("keydown", function (e) {
        if (e.target === t && (composing || e.isComposing || e.keyCode === 229)) e.stopImmediatePropagation();
    }, true);
    Module.bondstoreTextInput = t;
});

EM_JS(void, js_text_input_focus, (int want, int x, int y), {
    var t = Module.bondstoreTextInput;
    if (!t) return;
    // The accessibility mirror (accessibility.h) may hold the focus: a text field's element hands
    // it over (and names the textarea after the field); any other element keeps it (the keyboard
    // has left the field, and the edit is ending).
    var A = Module.bondstoreA11y, active = document.activeElement;
    var inTree = A && active && A.root.contains(active);
    if (want) {
        t.style.left = x + "px";
        t.style.top = y + "px";
        var field = A && (A.root.querySelector("[data-editing]") || (inTree && active.getAttribute("role") === "textbox" ? active : null));
        if (field) {
            var name = field.getAttribute("aria-label") || "";
            if (t.getAttribute("aria-label") !== name) t.setAttribute("aria-label", name);
            Module.bondstoreTextField = field;
        }
        if (active !== t && (!inTree || active.getAttribute("role") === "textbox")) {
            t.removeAttribute("aria-hidden");
            t.focus({preventScroll: true});
        }
    } else if (active !== t) {
        if (t.getAttribute("aria-hidden") !== "true") t.setAttribute("aria-hidden", "true"); // (left by Tab)
    } else {
        t.value = "";
        t.setAttribute("aria-hidden", "true");
        t.blur();
        // Back to the field's element (a keyboard keeps its place), else to the canvas.
        var back = Module.bondstoreTextField;
        if (A && back && back.isConnected) {
            A.programmatic = true;
            back.focus({preventScroll: true});
            A.programmatic = false;
        } else {
            Module.canvas.focus({preventScroll: true});
        }
    }
});

EM_JS(void, js_copy_text, (const char* text), {
    var s = UTF8ToString(text);
    Module.bondstoreCopied = s; // what the app last copied (tests read it when the page may not)
    try { navigator.clipboard.writeText(s).catch(function () {}); } catch (e) {}
});

int g_ime_x = 0, g_ime_y = 0;

void SetImePosition(int x, int y)
{
    g_ime_x = x;
    g_ime_y = y;
}

const char* NoClipboardText(void*) { return nullptr; } // pastes arrive as text (see above)
void CopyText(void*, const char* text) { js_copy_text(text); }

} // namespace

// Text waiting for the modifier keys to be released: ImGui drops characters typed while Ctrl (or
// Cmd) is held, and a paste (Ctrl+V) arrives exactly then.
std::string g_pending;

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_text_input(const char* utf8) { g_pending += utf8; }

namespace bondstore::web {

void InstallTextInput(GLFWwindow* window, bool on_screen_keyboard)
{
    glfwSetCharCallback(window, nullptr); // characters come from the textarea only
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = NoClipboardText;
    io.SetClipboardTextFn = CopyText;
    io.ImeSetInputScreenPosFn = SetImePosition;
    js_install_text_input(on_screen_keyboard ? 1 : 0);
}

std::string UpdateTextInput(float dpr)
{
    ImGuiIO& io = ImGui::GetIO();
    std::string delivered;
    if (!g_pending.empty() && !io.KeyCtrl && !io.KeySuper) {
        io.AddInputCharactersUTF8(g_pending.c_str());
        delivered.swap(g_pending);
    }
    js_text_input_focus(io.WantTextInput ? 1 : 0, int(float(g_ime_x) / dpr), int(float(g_ime_y) / dpr));
    return delivered;
}

} // namespace bondstore::web
