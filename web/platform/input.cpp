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

void FollowBrowserWindowSize(GLFWwindow* window)
{
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    if (int(css_w) == w && int(css_h) == h) return;
    // Not glfwSetWindowSize: Emscripten's GLFW asks for full screen when the size equals the
    // screen's (always, in a maximised or headless browser), which the browser refuses without a
    // gesture. Browser.setCanvasSize resizes the canvas and notifies GLFW (and so ImGui) the same way.
    js_set_canvas_size(int(css_w), int(css_h));
}

} // namespace bondstore::web
