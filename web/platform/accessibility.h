// Accessibility: the ImGui screens mirrored into the page's DOM, for screen readers and keyboards.
//
// A canvas is one opaque picture to a screen reader, and Tab cannot move inside it. So each frame
// the screens describe what they draw — each control with its role and its name in the shopper's
// language, each text, the cart's total and errors as live regions — and this file keeps an
// invisible tree of real elements in step with it (<main id="a11y">: buttons, links, text boxes,
// headings, role=status and role=alert regions), placed over the canvas where each item is drawn,
// transparent and letting every pointer through to the canvas. The page is only touched when the
// description changes (a scroll moves the boxes; a still screen costs one string comparison).
//
// The other way round:
// - an element clicked (a screen reader's activation, Enter or Space on a focused element) is
//   replayed as a press and release at the centre of the item's visible part on the next frames,
//   so the screen's own code runs as for a tap (ReplayActivation);
// - the DOM focus is ImGui's nav focus: an element focused by Tab or a screen reader gets ImGui's
//   focus, is scrolled into view and drawn with a focus ring; an item ImGui focuses (a click, its
//   arrow-key navigation) focuses its element. Tab from the canvas enters the tree; Tab in a text
//   field leaves it for the next element. While a text field is being edited the page's text
//   bridge (text_input.h) holds the focus, named after the field.
//
// Descriptions are names in logical order (never the shaped, reordered strings ImGui draws for
// Arabic). Everything is in CSS pixels.
#pragma once

#include <cstdint>
#include <string>

namespace bondstore::web {

enum class Role : uint8_t {
    Button,    // <button>
    Link,      // <a href=value>: opens another screen with an address of its own
    TextField, // role=textbox; value: its text (none when secret); on: being edited
    Checkbox,  // on: checked
    Disclosure, // a button that shows more: a combo's list, a folded section; on: shown (aria-expanded).
                // A combo is named with its purpose and current value (ComboName)
    Option,    // one choice of an open list or a tab; on: the chosen one (aria-current)
    Heading,   // level 1 or 2
    Text,
    Image,     // role=img, the name is its text alternative
    Status,    // a polite live region: read out when its text changes (a total, a count)
    Alert,     // an assertive live region: an error
};

// "button", "link", "textbox", "checkbox", "disclosure", "option", "heading", "text", "img",
// "status", "alert".
const char* RoleName(Role role);

struct Description {
    Role role = Role::Text;
    std::string name;
    std::string value;
    bool on = false;
    bool secret = false;
    int level = 1;
};

// Installs the tree and its listeners. Before glfwInit: its key listener must run before GLFW's
// (which swallows Tab).
void InstallAccessibility();

// At the start of a frame's drawing: forgets the last frame's items. `dpr`: device pixels per CSS pixel.
void BeginAccessibleFrame(float dpr);

// Describes ImGui's last item under `id` (stable from frame to frame: a live region is only read
// out when the same element changes). Draws the focus ring when it has the keyboard's focus.
void DescribeItem(const std::string& id, Description d);
// The same for text, with an id from its place in the frame (text_layout.h describes every label
// and paragraph this way).
void DescribeText(Description d);
// The next text described is a heading, a live region (Status, Alert) or an image's alternative,
// under `id` (a live region needs one that stays: its changes are read out).
void SetNextTextRole(Role role, const std::string& id = {}, int level = 1);
// The next text is not described (a part of a text described whole after it).
void SkipNextText();

// Between the platform backend's new frame and ImGui::NewFrame: replays an element's activation
// as a press (this frame) and a release (the next) at its item's centre, and ends a text edit the
// keyboard's focus has left.
void ReplayActivation();

// At the end of a frame: writes the tree to the page if it changed, and moves the DOM focus to the
// item ImGui focused. `typing`: a text field is being edited (the text bridge keeps the focus).
void PublishAccessibleFrame(const std::string& lang, bool rtl, bool typing);

// For the test hook: items described this frame, times the page was written, and the last
// frame's cost of describing and publishing (ms).
struct AccessibleStats {
    int items = 0;
    int writes = 0;
    float publish_ms = 0;
};
AccessibleStats CurrentAccessibleStats();

} // namespace bondstore::web
