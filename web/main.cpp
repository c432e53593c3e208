// The shopper's app: Dear ImGui on GLFW + WebGL2 in the browser (Emscripten). main() sets up the
// window and ImGui, starts loading, and hands each frame to the current screen.
#include "web/actions/navigation.h"
#include "web/actions/session.h"
#include "web/actions/shopping.h"
#include "web/platform/accessibility.h"
#include "web/platform/fetch.h"
#include "web/platform/full_screen.h"
#include "web/platform/images.h"
#include "web/platform/input.h"
#include "web/platform/splash.h"
#include "web/platform/test_hook.h"
#include "web/platform/text_input.h"
#include "web/screens/browse.h"
#include "web/screens/cart.h"
#include "web/screens/checkout.h"
#include "web/screens/drag_scroll.h"
#include "web/screens/handoff.h"
#include "web/screens/kiosk.h"
#include "web/screens/loading.h"
#include "web/screens/merchant.h"
#include "web/screens/operator.h"
#include "web/screens/on_screen_keyboard.h"
#include "web/screens/order.h"
#include "web/screens/product.h"
#include "web/screens/theme.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/wire/tax_json.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h> // GImGui->HoveredWindow, for the test hook
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>

using namespace bondstore::web;

namespace {

struct Shell {
    GLFWwindow* window = nullptr;
    App app;
    DragScroll drag;
};

void Frame(void* arg)
{
    Shell& shell = *static_cast<Shell*>(arg);
    App& app = shell.app;
    app.display.dpr = FollowBrowserWindowSize(shell.window);
    ApplyTheme(app);
    // Text typed since the last frame; glyphs the atlas lacks are added before this frame draws.
    app.font_dirty |= AddGlyphText(app.font, UpdateTextInput(app.display.dpr));
    BeforeFrame(app);

    glfwPollEvents();
    // Until the catalog can be shown the page's spinner stands in (splash.h); a load that failed
    // is the app's to explain.
    if (!IsReady(app) && app.load_error.empty()) {
        CurrentTestView().screen = "loading";
        return;
    }
    HideSplash();
    if (IsReady(app)) FollowAddresses(app); // (before the screens: an address or Back picks this frame's screen)
    double imgui_start = emscripten_get_now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ReplayActivation(); // (a screen reader's or the keyboard's activation: a press at the item)
    bool keyboard_touched = app.display.touch && ImGui::GetIO().MouseDown[0]; // (before the keyboard takes it)
    if (app.display.touch) InterceptKeyboardTouch(app.keyboard);
    ImGui::NewFrame();
    if (app.display.touch) UpdateDragScroll(shell.drag, Px(app, 10));
    BeginAccessibleFrame(app.display.dpr);

    TestView& view = CurrentTestView();
    view.widgets.clear();
    view.frame = ++app.frame;
    view.locale = app.locale;
    view.rtl = app.rtl;
    view.currency = app.display_currency;
    view.atlas_glyphs = int(app.font.text.size());
    view.atlas_width = app.font.width;
    view.atlas_height = app.font.height;
    view.atlas_build_ms = app.font.build_ms;
    // The test view speaks CSS pixels, as the page does.
    view.dpr = app.display.dpr;
    view.width = ImGui::GetIO().DisplaySize.x / view.dpr;
    view.height = ImGui::GetIO().DisplaySize.y / view.dpr;
    bool ready = IsReady(app);
    if (ready) TakeHandoff(app);

    // A kiosk forgets a shopper who walked away: any touch, key or wheel is activity; after the
    // idle time it warns, and after the warning it wipes the session.
    const ImGuiIO& in = ImGui::GetIO();
    bool touched = in.MouseDelta.x != 0 || in.MouseDelta.y != 0 || in.MouseWheel != 0 || in.MouseWheelH != 0 ||
                   !in.InputQueueCharacters.empty() || ImGui::IsAnyMouseDown() || keyboard_touched;
    for (bool down : in.KeysDown) touched = touched || down; // (ImGui 1.86: a key array)
    if (touched || app.kiosk.last_input == 0) app.kiosk.last_input = ImGui::GetTime();
    double idle = ImGui::GetTime() - app.kiosk.last_input;
    int warning_left = -1;
    if (ready && app.kiosk.on && app.screen != Screen::Attract && idle >= app.kiosk.idle_seconds) {
        if (idle >= app.kiosk.idle_seconds + kIdleWarningSeconds) ForgetShopper(app);
        else warning_left = int(app.kiosk.idle_seconds + kIdleWarningSeconds - idle + 0.999);
    }
    view.offline = !ServerReachable();
    view.handoff_url.clear(); // (set by the screen or the panel that draws a code)
    view.outbox = int(app.outbox.size());
    view.kiosk = app.kiosk.on;
    view.brand = app.brand.id;
    view.images_loading = ImagesLoading();
    view.scheme = app.display.high_contrast ? "high_contrast" : app.display.dark ? "dark" : "light";
    view.kiosk_wipes = app.kiosk.wipes;
    view.catalog_paged = app.paging.on;
    view.catalog_offline = app.paging.offline;
    view.whole_catalog_kept = app.paging.whole_kept;
    view.loaded_products = int(app.catalog.products.size());
    view.kiosk_idle = app.kiosk.idle_seconds;
    view.full_screen = app.kiosk.on && IsFullScreen();
    view.idle_warning = warning_left;
    view.checkout_fields = std::string(app.checkout.buyer_name) + app.checkout.id_number + app.checkout.buyer_phone +
                           app.checkout.consignee_name + app.checkout.address + app.checkout.keyed_body + app.order.secret +
                           app.order.receipt.order_no;
    for (const QueuedOrder& q : app.outbox) view.checkout_fields += q.shown; // (a sealed body is not readable)
    view.seal_key = !app.seal_key.empty();
    view.kiosk_enrolled = !app.kiosk.token.empty();
    view.kiosk_store = app.kiosk.store;

    if (ready && app.merchant.on) {
        DrawMerchant(app, view); // (sets view.screen)
    } else if (ready && app.operations.on) {
        DrawOperator(app, view); // (sets view.screen)
    } else if (ready && app.screen == Screen::Attract) {
        view.screen = "attract";
        DrawAttract(app, view);
    } else if (ready && app.screen == Screen::Product) {
        view.screen = "product";
        DrawProduct(app, view);
    } else if (ready && app.screen == Screen::Cart) {
        view.screen = "cart";
        DrawCart(app, view);
    } else if (ready && app.screen == Screen::Checkout) {
        view.screen = "checkout";
        DrawCheckout(app, view);
    } else if (ready && app.screen == Screen::Order) {
        view.screen = "order";
        DrawOrder(app, view);
    } else if (ready) {
        view.screen = "browse";
        DrawBrowse(app, view);
    } else {
        view.screen = "loading";
        DrawLoading(app, view);
    }

    if (ready) DrawHandoff(app, view);
    view.keyboard.clear();
    if (ready) DrawOnScreenKeyboard(app, view, app.keyboard);
    if (warning_left >= 0) DrawIdleWarning(app, view, warning_left);

    view.cart.clear();
    for (const auto& line : app.cart.lines) view.cart.emplace_back(line.sku, line.qty);
    // The test hook shows the cart's quote as JSON; written only when the quote changes.
    static int shown_quote_version = -1;
    if (ready && !app.cart.empty()) {
        const bondstore::TaxQuote& q = CartQuote(app);
        if (shown_quote_version != app.quote_version) {
            view.quote_json = bondstore::TaxQuoteToJson(q);
            shown_quote_version = app.quote_version;
        }
    } else {
        view.quote_json.clear();
        shown_quote_version = -1;
    }

    const ImGuiIO& io = ImGui::GetIO();
    view.mouse_x = io.MousePos.x / view.dpr;
    view.mouse_y = io.MousePos.y / view.dpr;
    view.hovered_window = GImGui->HoveredWindow ? GImGui->HoveredWindow->Name : "";
    // What the screens described goes to the page's accessibility tree (and its cost to the view).
    PublishAccessibleFrame(app.locale, app.rtl, io.WantTextInput);
    const AccessibleStats a11y = CurrentAccessibleStats();
    view.a11y_items = a11y.items;
    view.a11y_writes = a11y.writes;
    view.a11y_ms[size_t(app.frame) % view.a11y_ms.size()] = a11y.publish_ms;

    ImGui::Render();
    // ImGui's CPU time this frame (building the frame and its draw lists; not the GL submission),
    // for the frame budget (bench/web-frame.mjs).
    view.imgui_ms[size_t(app.frame) % view.imgui_ms.size()] = float(emscripten_get_now() - imgui_start);
    int w = 0, h = 0;
    glfwGetFramebufferSize(shell.window, &w, &h);
    glViewport(0, 0, w, h);
    ImVec4 page = PageColor(app);
    glClearColor(page.x, page.y, page.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (ready && !app.first_catalog_frame_signalled) {
        app.first_catalog_frame_signalled = true;
        SignalFirstFrame();
    }
}

} // namespace

int main()
{
    InstallAccessibility(); // (before GLFW's key listener: see accessibility.h)
    if (!glfwInit()) {
        std::fprintf(stderr, "glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    static Shell shell; // lives as long as the page
    shell.window = glfwCreateWindow(1280, 800, "", nullptr, nullptr); // the page title is index.html's
    if (!shell.window) {
        std::fprintf(stderr, "cannot create a WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(shell.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing is persisted behind the shopper's back
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    ImGui_ImplGlfw_InitForOpenGL(shell.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    InstallWheelFix(shell.window);

    StartLoading(shell.app);
    InstallTextInput(shell.window, shell.app.kiosk.on);
    emscripten_set_main_loop_arg(Frame, &shell, 0, true);
    return 0;
}
