// ProductGallery: the product page's pictures — the one shown large (a tap zooms it to fill the
// screen; a sideways swipe, the arrows or a thumbnail change it), and the zoomed view (wheel or
// buttons zoom, a drag moves the picture, Esc or "Close" leave). State: App::product_page.
#pragma once

namespace bondstore {
struct Product;
}

namespace bondstore::web {

struct App;
struct TestView;

// The gallery in a `side` × `side` square at the cursor, with its thumbnails and arrows under it.
void DrawGallery(App& app, TestView& view, const Product& p, float side);

// The zoomed picture over the whole screen, while App::product_page.zoomed.
void DrawZoomedPicture(App& app, TestView& view, const Product& p);

} // namespace bondstore::web
