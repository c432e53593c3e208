#include "web/screens/drag_scroll.h"

#include <imgui_internal.h> // the hovered window, scrolling another window, releasing a press

#include <algorithm>
#include <cmath>

namespace bondstore::web {

namespace {

// The window under the pointer, or the nearest of its parents, that has something to scroll.
ImGuiWindow* ScrollableUnder(ImGuiWindow* w)
{
    for (; w; w = w->ParentWindow)
        if (w->ScrollMax.y > 0 && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return w;
    return nullptr;
}

constexpr float kFriction = 2.5f;     // the coasting speed falls by e every 0.4 s (a phone's feel)
constexpr float kStopSpeed = 30.0f;   // device pixels per second: slower than this, it stops

void Sample(DragScroll& s, float y, double t)
{
    int k = s.samples++ % DragScroll::kSamples;
    s.sample_y[k] = y;
    s.sample_t[k] = t;
    s.still_frames = 0;
}

} // namespace

void UpdateDragScroll(DragScroll& s, float threshold)
{
    ImGuiContext& g = *GImGui;
    ImGuiIO& io = g.IO;
    if (io.MouseClicked[0]) {
        ImGuiWindow* w = ScrollableUnder(g.HoveredWindow);
        s = DragScroll{};
        s.window = w ? w->ID : 0;
        s.start = io.MousePos;
    }
    ImGuiWindow* w = s.window ? ImGui::FindWindowByID(s.window) : nullptr;
    if (!w) { s = DragScroll{}; return; }
    float dt = io.DeltaTime > 0 ? io.DeltaTime : 1.0f / 60;
    if (io.MouseDown[0]) {
        if (!s.dragging && std::fabs(io.MousePos.y - s.start.y) > threshold) {
            s.dragging = true;
            ImGui::ClearActiveID(); // the press was a drag, not a tap on what it started on
        }
        if (s.dragging) ImGui::SetScrollY(w, w->Scroll.y - io.MouseDelta.y);
        if (io.MouseDelta.y != 0) Sample(s, io.MousePos.y, g.Time);
        else s.still_frames++;
        return;
    }
    if (!s.dragging) { s = DragScroll{}; return; } // a tap: nothing to coast
    if (s.samples > 0) {
        // Lifted this frame. The move that came with the lift counts too; a finger that rested
        // for more than 100 ms before lifting does not coast; else the speed is the finger's over
        // its last 100 ms of movement.
        ImGui::SetScrollY(w, w->Scroll.y - io.MouseDelta.y);
        if (io.MouseDelta.y != 0) Sample(s, io.MousePos.y, g.Time);
        // (100 ms, or three frames when frames are slower than that: a slow screen sees a
        // finger's moves only once a frame.)
        const double window = std::max(0.1, 3.0 * double(dt));
        int last = (s.samples - 1) % DragScroll::kSamples, first = last;
        for (int n = 1; n < std::min(s.samples, DragScroll::kSamples); n++) {
            int before = (s.samples - 1 - n) % DragScroll::kSamples;
            if (s.sample_t[last] - s.sample_t[before] > window) break;
            first = before;
        }
        // At least the move before the last, if it was recent: moves can arrive a frame apart.
        int previous = (s.samples - 2) % DragScroll::kSamples;
        if (first == last && s.samples >= 2 && s.sample_t[last] - s.sample_t[previous] < 0.3) first = previous;
        bool rested = s.still_frames >= 1 && g.Time - s.sample_t[last] > window;
        double span = s.sample_t[last] - s.sample_t[first];
        s.velocity = rested || first == last || span <= 0 ? 0 : float(-(s.sample_y[last] - s.sample_y[first]) / span);
        s.samples = 0;
    }
    if (std::fabs(s.velocity) < kStopSpeed) { s = DragScroll{}; return; }
    ImGui::SetScrollY(w, w->Scroll.y + s.velocity * dt);
    s.velocity *= std::exp(-kFriction * dt);
}

} // namespace bondstore::web
