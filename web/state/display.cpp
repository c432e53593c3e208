#include "web/state/display.h"

#include "web/state/app.h"

namespace bondstore::web {

float UiScale(const App& app) { return app.display.dpr * app.display.text_scale; }

float Px(const App& app, float css) { return css * UiScale(app); }

} // namespace bondstore::web
