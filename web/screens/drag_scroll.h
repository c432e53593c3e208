// DragScroll: on a touch screen, a finger dragged up or down scrolls what is under it, and a
// flick keeps it moving, slowing down — as every phone does. ImGui scrolls only with the wheel or
// the scroll bar; a kiosk has neither.
//
// A press that moves more than a few pixels becomes a drag: the control under the finger (a row's
// button) is released without being pressed, and the nearest window that can scroll follows the
// finger. Releasing with speed keeps it going with an exponential slow-down.
#pragma once

#include <imgui.h>

namespace bondstore::web {

struct DragScroll {
    ImGuiID window = 0;       // the window being dragged or coasting
    ImVec2 start;             // where the press began
    bool dragging = false;
    float velocity = 0;       // scroll units (device pixels) per second, while coasting
    // Where the finger moved to, and when, lately: a flick's speed is measured over its last
    // 100 ms of movement (a finger that rested before lifting does not coast).
    static constexpr int kSamples = 16;
    float sample_y[kSamples] = {};
    double sample_t[kSamples] = {};
    int samples = 0;
    int still_frames = 0;     // frames held down without moving since the last sample
};

// Once per frame, after ImGui::NewFrame and before the screens draw. `threshold`: how far (device
// pixels) a press moves before it is a drag.
void UpdateDragScroll(DragScroll& s, float threshold);

} // namespace bondstore::web
