// The operator screen (/operator): signed in with the store's operator token, the person running
// the store sees where orders come from (each experience store and kiosk, shoppers' own devices)
// with a chart by day, the kiosks and their last contact, a place's newest orders; the relay to
// the single window (waiting, failing, parked), customs' rejections, tax bills that differ,
// refunds; the regulator's statistics of a month (by HS chapter, origin, warehouse, store, trade
// mode, customs' outcome; the CSV and the workbook downloaded); the merchants and their tokens.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawOperator(App& app, TestView& view);

} // namespace bondstore::web
