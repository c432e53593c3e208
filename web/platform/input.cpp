#include "web/platform/input.h"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

namespace {

EM_JS(void, js_set_canvas_size, (int w, int h), { Browser.setCanvasSize(w, h); });

} // namespace

namespace bondstore::web {

static EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*)
{
    ImGuiIO& io = ImGui::GetIO();
    // deltaMode 0 = pixels (100 px ≈ one notch), 1 = lines, 2 = pages.
    double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
    io.MouseWheel -= float(e->deltaY * scale);
    io.MouseWheelH -= float(e->deltaX * scale);
    return EM_TRUE; // the page itself never scrolls
}

void InstallWheelFix(GLFWwindow* window)
{
    glfwSetScrollCallback(window, nullptr); // drop GLFW's (and ImGui's) handler
    emscripten_set_wheel_callback("#canvas", nullptr, EM_FALSE, OnWheel);
}

float FollowBrowserWindowSize(GLFWwindow* window)
{
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    // The canvas holds a device pixel per device pixel (crisp text on high-DPI screens); its CSS
    // size stays the page's. Emscripten's GLFW scales mouse positions to canvas pixels, so ImGui
    // works in device pixels throughout.
    double dpr = emscripten_get_device_pixel_ratio();
    if (dpr <= 0) dpr = 1;
    int want_w = int(css_w * dpr + 0.5), want_h = int(css_h * dpr + 0.5);
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    if (want_w != w || want_h != h) {
        // Not glfwSetWindowSize: Emscripten's GLFW asks for full screen when the size equals the
        // screen's (always, in a maximised or headless browser), which the browser refuses without
        // a gesture. Browser.setCanvasSize resizes the canvas and notifies GLFW (and so ImGui) the
        // same way.
        js_set_canvas_size(want_w, want_h);
    }
    return float(dpr);
}

} // namespace bondstore::web
