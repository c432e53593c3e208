// Browser input fixes on top of Emscripten's GLFW emulation.
#pragma once

struct GLFWwindow;

namespace bondstore::web {

// Emscripten's GLFW passes the DOM wheel deltaY (pixels, down = positive) straight through, so
// ImGui scrolls the wrong way and far too fast. Replace it with a DOM wheel handler that feeds ImGui
// lines, up = positive.
void InstallWheelFix(GLFWwindow* window);

// Keeps the GLFW window (and the canvas) the size of the browser window, in device pixels.
// Returns the device pixel ratio.
float FollowBrowserWindowSize(GLFWwindow* window);

} // namespace bondstore::web
