#!/usr/bin/env python3
"""Writes a realistic catalog of N products (native JSON, docs/catalog-format.md) for benchmarks
and tests of large stores (issue 19).

Realistic means what compression and search see in a real bonded-import store, not the sample's
products repeated: distinct brands (invented, with a Chinese transliteration), product names made
from each category's kinds, qualities and lines, sizes, English and Chinese descriptions of a few
sentences, categories weighted as such a store's range is (skin care and supplements many,
watches few), prices spread log-normally around each category's typical price, and each product
stocked in one or both bonded warehouses. The customs fields (HS code, units, legal quantity) are
the sample catalog's for the category, so every product passes the store's checks.

Seeded: the same N and seed give the same bytes.

    python3 bench/gen_catalog.py 50000 > build/data/catalog-50000.json
    python3 bench/gen_catalog.py 10000 --seed 7 --out FILE
"""
import argparse
import json
import math
import random
import sys

# Each category: its share of the range, typical price (yuan) and spread, gross weight (g),
# customs fields, origins, and the words its names are made of (English, Chinese).
CATEGORIES = {
    "skincare": dict(
        share=24, price=380, spread=0.8, weight=(120, 600), hs="3304990099", unit="142",
        sizes=[("30", "ml"), ("50", "ml"), ("100", "ml"), ("150", "ml"), ("200", "ml")],
        origins=[("116", "JP"), ("133", "KR"), ("305", "FR"), ("502", "US"), ("331", "CH")],
        kinds=[("Essence", "精华水"), ("Serum", "精华液"), ("Moisturizing Cream", "保湿面霜"), ("Eye Cream", "眼霜"),
               ("Toner", "爽肤水"), ("Cleansing Foam", "洁面泡沫"), ("Sunscreen SPF50", "防晒霜SPF50"),
               ("Night Repair Cream", "夜间修护霜"), ("Lotion", "乳液"), ("Cleansing Oil", "卸妆油")],
        qualities=[("Hydrating", "补水"), ("Brightening", "亮白"), ("Firming", "紧致"), ("Soothing", "舒缓"),
                   ("Anti-Ageing", "抗老"), ("Rose", "玫瑰"), ("Green Tea", "绿茶"), ("Ceramide", "神经酰胺")],
        features=[("for dry and sensitive skin", "适合干性及敏感肌肤"), ("fragrance-free", "无香料"),
                  ("dermatologist tested", "经皮肤科测试"), ("absorbs quickly without a sticky feel", "吸收迅速，不黏腻"),
                  ("with hyaluronic acid", "含玻尿酸"), ("for morning and evening use", "早晚均可使用")]),
    "makeup": dict(
        share=11, price=260, spread=0.6, weight=(40, 200), hs="3304990099", unit="142",
        sizes=[("3.5", "g"), ("30", "ml"), ("10", "g"), ("12", "ml")], units={"g": "012"},
        origins=[("305", "FR"), ("116", "JP"), ("133", "KR"), ("502", "US"), ("307", "IT")],
        kinds=[("Lipstick", "口红"), ("Foundation", "粉底液"), ("Cushion Compact", "气垫粉饼"), ("Mascara", "睫毛膏"),
               ("Eyeshadow Palette", "眼影盘"), ("Concealer", "遮瑕膏"), ("Blush", "腮红"), ("Lip Gloss", "唇彩")],
        qualities=[("Matte", "哑光"), ("Velvet", "丝绒"), ("Long-Wear", "持久"), ("Satin", "缎光"), ("Dewy", "水光"),
                   ("Nude", "裸色"), ("Coral", "珊瑚色"), ("Classic Red", "经典红")],
        features=[("a lightweight texture that lasts all day", "质地轻盈，持久一整天"), ("buildable coverage", "遮盖力可叠加"),
                  ("enriched with vitamin E", "富含维生素E"), ("in a refillable case", "可替换内芯")]),
    "infant_formula": dict(
        share=8, price=260, spread=0.25, weight=(850, 1100), hs="1901101010", unit="122",
        sizes=[("800", "g"), ("900", "g")],
        origins=[("304", "DE"), ("609", "NZ"), ("309", "NL"), ("116", "JP"), ("601", "AU"), ("312", "ES")],
        kinds=[("Infant Formula Stage 1", "婴儿配方奶粉1段"), ("Follow-on Milk Stage 2", "较大婴儿配方奶粉2段"),
               ("Toddler Milk Stage 3", "幼儿配方奶粉3段"), ("Growing-up Milk Stage 4", "儿童成长奶粉4段")],
        qualities=[("Organic", "有机"), ("A2 Protein", "A2蛋白"), ("Goat Milk", "羊奶"), ("Gentle", "温和"),
                   ("Premium", "臻选"), ("HMO", "含HMO")],
        features=[("with DHA and ARA", "添加DHA和ARA"), ("made from grass-fed milk", "采用草饲牛奶"),
                  ("easy to dissolve", "易冲调"), ("no added sucrose", "不添加蔗糖")]),
    "supplements": dict(
        share=15, price=160, spread=0.5, weight=(120, 700), hs="2106909090", unit="142",
        sizes=[("60", "piece"), ("90", "piece"), ("120", "piece"), ("200", "piece"), ("400", "piece")],
        origins=[("601", "AU"), ("502", "US"), ("609", "NZ"), ("116", "JP"), ("304", "DE")],
        kinds=[("Fish Oil Capsules", "深海鱼油胶囊"), ("Vitamin C Tablets", "维生素C片"), ("Probiotics", "益生菌"),
               ("Collagen Tablets", "胶原蛋白片"), ("Calcium + Vitamin D", "钙+维生素D"), ("Multivitamin", "复合维生素"),
               ("Grape Seed Extract", "葡萄籽精华"), ("Lutein", "叶黄素")],
        qualities=[("High Strength", "高含量"), ("Odourless", "无腥味"), ("Chewable", "咀嚼型"), ("Women's", "女士"),
                   ("Men's", "男士"), ("Kids'", "儿童"), ("Once-Daily", "每日一粒")],
        features=[("one tablet a day with food", "每日一片，随餐服用"), ("made under GMP", "GMP标准生产"),
                  ("no artificial colours", "不含人工色素"), ("a three-month supply", "三个月用量")]),
    "snacks": dict(
        share=12, price=60, spread=0.6, weight=(120, 700), hs="1806900000", unit="140",
        sizes=[("100", "g"), ("125", "g"), ("200", "g"), ("250", "g"), ("500", "g")],
        origins=[("331", "CH"), ("301", "BE"), ("116", "JP"), ("609", "NZ"), ("304", "DE"), ("303", "GB")],
        kinds=[("Milk Chocolate", "牛奶巧克力"), ("Dark Chocolate 70%", "70%黑巧克力"), ("Butter Cookies", "黄油曲奇"),
               ("Caramel Biscuits", "焦糖饼干"), ("Chocolate Truffles", "松露巧克力"), ("Wafer Rolls", "威化卷"),
               ("Mixed Nuts", "混合坚果")],
        qualities=[("Sea Salt", "海盐"), ("Hazelnut", "榛子"), ("Matcha", "抹茶"), ("Almond", "杏仁"), ("Orange", "香橙"),
                   ("Classic", "经典"), ("Gift Box", "礼盒装")],
        features=[("a gift box of assorted flavours", "多种口味礼盒"), ("made with real cocoa butter", "采用纯可可脂"),
                  ("individually wrapped", "独立包装"), ("baked in small batches", "小批量烘焙")]),
    "wine": dict(
        share=6, price=220, spread=0.7, weight=(1300, 1600), hs="2204210000", unit="142",
        sizes=[("0.75", "L")],
        origins=[("305", "FR"), ("601", "AU"), ("307", "IT"), ("312", "ES"), ("412", "CL"), ("609", "NZ")],
        kinds=[("Cabernet Sauvignon", "赤霞珠干红葡萄酒"), ("Shiraz", "西拉干红葡萄酒"), ("Merlot", "梅洛干红葡萄酒"),
               ("Pinot Noir", "黑皮诺干红葡萄酒"), ("Sauvignon Blanc", "长相思干白葡萄酒"), ("Chardonnay", "霞多丽干白葡萄酒"),
               ("Bordeaux Rouge", "波尔多红葡萄酒")],
        qualities=[("Reserve", "珍藏"), ("Grand Vin", "正牌"), ("Estate", "酒庄"), ("Old Vine", "老藤"), ("Classic", "经典")],
        features=[("aged twelve months in oak", "橡木桶陈酿十二个月"), ("notes of blackcurrant and plum", "黑醋栗与李子香气"),
                  ("pairs with red meat", "适配红肉"), ("serve at 16–18 °C", "建议16–18°C饮用")]),
    "spirits": dict(
        share=3, price=450, spread=0.6, weight=(1200, 1500), hs="2208300000", unit="142",
        sizes=[("0.7", "L")],
        origins=[("303", "GB"), ("305", "FR"), ("116", "JP"), ("502", "US")],
        kinds=[("Single Malt Whisky", "单一麦芽威士忌"), ("Blended Whisky", "调和威士忌"), ("Bourbon", "波本威士忌")],
        qualities=[("12 Year Old", "12年"), ("15 Year Old", "15年"), ("18 Year Old", "18年"), ("Sherry Cask", "雪莉桶"),
                   ("Peated", "泥煤")],
        features=[("matured in oak casks", "橡木桶熟成"), ("notes of vanilla and honey", "香草与蜂蜜香气"),
                  ("in a gift tube", "附礼盒")]),
    "perfume": dict(
        share=5, price=900, spread=0.4, weight=(200, 450), hs="3303000000", unit="142",
        sizes=[("30", "ml"), ("50", "ml"), ("100", "ml")],
        origins=[("305", "FR"), ("307", "IT"), ("502", "US"), ("303", "GB")],
        kinds=[("Eau de Parfum", "香水"), ("Eau de Toilette", "淡香水"), ("Cologne", "古龙水")],
        qualities=[("Floral", "花香"), ("Woody", "木质"), ("Citrus", "柑橘"), ("Amber", "琥珀"), ("Musk", "麝香"),
                   ("Jasmine", "茉莉")],
        features=[("a lasting trail", "留香持久"), ("top notes of bergamot", "前调佛手柑"), ("in a crystal bottle", "水晶瓶身")]),
    "tea": dict(
        share=4, price=70, spread=0.5, weight=(150, 500), hs="0902309000", unit="140",
        sizes=[("100", "g"), ("200", "g"), ("250", "g")],
        origins=[("303", "GB"), ("601", "AU"), ("116", "JP"), ("305", "FR")],
        kinds=[("Black Tea", "红茶"), ("Green Tea", "绿茶"), ("Herbal Infusion", "花草茶"), ("Earl Grey", "伯爵茶")],
        qualities=[("English Breakfast", "英式早餐"), ("Ceylon", "锡兰"), ("Peppermint", "薄荷"), ("Chamomile", "洋甘菊"),
                   ("Organic", "有机")],
        features=[("100 tea bags", "100袋装"), ("loose leaf", "散装茶叶"), ("caffeine-free", "无咖啡因")]),
    "olive_oil": dict(
        share=2, price=110, spread=0.4, weight=(600, 1200), hs="1509200000", unit="142",
        sizes=[("0.5", "L"), ("1", "L")],
        origins=[("312", "ES"), ("307", "IT"), ("310", "GR")],
        kinds=[("Extra Virgin Olive Oil", "特级初榨橄榄油")],
        qualities=[("Cold Pressed", "冷榨"), ("Organic", "有机"), ("Early Harvest", "早收"), ("Classic", "经典")],
        features=[("for salads and cooking", "适合凉拌与烹饪"), ("acidity below 0.3%", "酸度低于0.3%")]),
    "beer": dict(
        share=2, price=130, spread=0.3, weight=(9000, 14000), hs="2203000000", unit="120",
        sizes=[("12", "L")], second=("24", "can"),
        origins=[("116", "JP"), ("304", "DE"), ("301", "BE"), ("309", "NL")],
        kinds=[("Lager", "拉格啤酒"), ("Wheat Beer", "小麦啤酒"), ("Pilsner", "皮尔森啤酒")],
        qualities=[("Dry", "干爽"), ("Premium", "精酿"), ("Dark", "黑")],
        features=[("24 cans of 500 ml", "500毫升×24罐"), ("brewed with malt and hops only", "仅以麦芽和啤酒花酿造")]),
    "watch": dict(
        share=2, price=6000, spread=0.6, weight=(250, 400), hs="9102210090", unit="007",
        sizes=[("1", "piece")],
        origins=[("331", "CH"), ("116", "JP"), ("304", "DE")],
        kinds=[("Automatic Watch", "自动机械腕表"), ("Chronograph", "计时腕表"), ("Dress Watch", "正装腕表")],
        qualities=[("Steel", "精钢"), ("Moonphase", "月相"), ("Diver's", "潜水"), ("Skeleton", "镂空")],
        features=[("sapphire crystal", "蓝宝石镜面"), ("water resistant to 100 m", "防水100米"), ("80-hour power reserve", "80小时动力储存")]),
    "appliances": dict(
        share=6, price=1500, spread=0.6, weight=(800, 2500), hs="8516310000", unit="001",
        sizes=[("1", "set")],
        origins=[("309", "NL"), ("116", "JP"), ("132", "SG"), ("304", "DE")],
        kinds=[("Hair Dryer", "吹风机"), ("Electric Toothbrush", "电动牙刷"), ("Hair Straightener", "直发器"),
               ("Facial Cleansing Brush", "洁面仪")],
        qualities=[("Ionic", "负离子"), ("Cordless", "无线"), ("Compact", "便携"), ("Pro", "专业版")],
        features=[("three heat settings", "三档温度"), ("a two-year warranty", "两年保修"), ("fast charging", "快速充电")]),
}
TOOTHBRUSH_HS = "8509809000"
IMAGES = {
    "skincare": ["SK-SKII-FTE-230", "SK-LAM-CR-60", "SK-SHIS-UB-50", "SK-SUL-FE-60", "SK-AVN-TW-300"],
    "makeup": ["MU-YSL-LIP-1966", "MU-CPB-FDN-30"], "infant_formula": ["IF-APT-PF3-800", "IF-A2-PL3-900", "IF-MJ-GT1-800"],
    "supplements": ["SU-SWI-FO-400", "SU-BLK-VC-60", "SU-DHC-COL-90"], "snacks": ["SN-LND-LIN-200", "SN-ROY-NAMA-20", "SN-LOT-BIS-250"],
    "wine": ["WN-PEN-B389-750", "WN-CHL-BDX-750"], "spirits": ["SP-GLF-12-700"], "perfume": ["PF-CHN-N5-50"],
    "tea": ["TE-TWN-EB-100", "TE-DIL-CEY-100"], "olive_oil": ["OL-BOR-EV-1L", "OL-CAR-EV-500"], "beer": ["BR-ASA-SD-24"],
    "watch": ["WA-TIS-PRX-AUTO", "WA-LON-MAS-AUTO"], "appliances": ["AP-DYS-HD08", "AP-PAN-NA-9C"],
}
# Brand names are made of these syllables; each has the character a Chinese transliteration uses.
SYLLABLES = [("va", "瓦"), ("lo", "洛"), ("ra", "拉"), ("mi", "米"), ("no", "诺"), ("sel", "塞"), ("ka", "卡"), ("ri", "丽"),
             ("ton", "顿"), ("bel", "贝"), ("ma", "玛"), ("lin", "琳"), ("dor", "多"), ("vi", "维"), ("sa", "莎"), ("ne", "妮"),
             ("thal", "塔"), ("ber", "伯"), ("gen", "根"), ("hof", "霍"), ("ko", "科"), ("mu", "慕"), ("ya", "雅"), ("shi", "诗"),
             ("ta", "塔"), ("fi", "菲"), ("lu", "露"), ("xi", "希"), ("an", "安"), ("or", "奥"), ("el", "艾"), ("is", "伊")]
ZH_UNITS = {"ml": "毫升", "g": "克", "L": "升", "piece": "粒", "set": "台"}


def brands(rng, count):
    seen, out = set(), []
    while len(out) < count:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))]
        en = "".join(p[0] for p in parts).capitalize()
        if en in seen:
            continue
        seen.add(en)
        suffix = rng.random()
        if suffix < 0.15:
            en, zh = en + " Paris", "".join(p[1] for p in parts) + "巴黎"
        elif suffix < 0.25:
            en, zh = en + " Labs", "".join(p[1] for p in parts) + "实验室"
        else:
            zh = "".join(p[1] for p in parts)
        out.append((en, zh))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    names = list(CATEGORIES)
    weights = [CATEGORIES[c]["share"] for c in names]
    # Each brand sells in one or two categories, as real brands do.
    brand_list = brands(rng, max(40, a.count // 30))
    brand_cats = {b: rng.sample(names, 2) for b in brand_list}
    by_cat = {c: [b for b in brand_list if c in brand_cats[b]] or brand_list[:5] for c in names}
    products, stock, titles = [], [], set()
    for i in range(a.count):
        cat = rng.choices(names, weights)[0]
        c = CATEGORIES[cat]
        brand_en, brand_zh = rng.choice(by_cat[cat])
        kind_en, kind_zh = rng.choice(c["kinds"])
        q_en, q_zh = rng.choice(c["qualities"])
        qty, unit = rng.choice(c["sizes"])
        line = rng.randrange(1, 60)
        size_en = f"{qty} {unit}" if unit != "piece" else f"{qty} capsules"
        size_zh = f"{qty}{ZH_UNITS.get(unit, unit)}"
        title_en = f"{brand_en} {q_en} {kind_en} No. {line}, {size_en}" if unit != "set" else f"{brand_en} {q_en} {kind_en} {line}"
        title_zh = f"{brand_zh} {q_zh}{kind_zh} {line}号 {size_zh}" if unit != "set" else f"{brand_zh} {q_zh}{kind_zh} {line}"
        if title_en in titles:  # a second pack of the same line: say so
            title_en += f" ({i % 7 + 2}-pack)"
            title_zh += f"（{i % 7 + 2}件装）"
        titles.add(title_en)
        f1, f2 = rng.sample(c["features"], 2)
        desc_en = (f"{q_en} {kind_en.lower()} from {brand_en}: {f1[0]}, {f2[0]}. "
                   f"Imported through a bonded warehouse and cleared by customs for each order.")
        desc_zh = f"{brand_zh}{q_zh}{kind_zh}，{f1[1]}，{f2[1]}。保税仓直发，每单经海关清关。"
        price = max(5, round(c["price"] * math.exp(rng.gauss(0, c["spread"]))))
        price_fen = price * 100 - (rng.choice((0, 0, 100, 200)) if price > 50 else 0)
        country, iso = rng.choice(c["origins"])
        lo, hi = c["weight"]
        weight = rng.randrange(lo, hi)
        sku = f"{cat[:2].upper()}-{i:06d}"
        hs = TOOTHBRUSH_HS if kind_en in ("Electric Toothbrush", "Facial Cleansing Brush") else c["hs"]
        unit_code = c.get("units", {}).get(unit, c["unit"])
        p = {
            "sku": sku, "merchant": "demo",
            "title": {"zh-Hans": title_zh, "en": title_en},
            "description": {"zh-Hans": desc_zh, "en": desc_en},
            "brand": brand_en, "category": cat, "tags": [q_zh, kind_zh],
            "images": [f"/images/{rng.choice(IMAGES[cat])}.png"],
            "price_fen": price_fen, "hs_code": hs, "origin": {"country": country, "iso": iso},
            "unit": unit_code, "legal_qty": qty, "legal_unit": unit,
            "barcode": ean13(rng), "weight_g": weight,
            "item_record_no": f"BS{i:08d}",
        }
        if rng.random() < 0.15:
            p["compare_at_fen"] = price_fen + rng.choice((20, 50, 100)) * 100
        if "second" in c:
            p["second_qty"], p["second_unit"] = c["second"]
        products.append(p)
        for w in rng.sample(["CQ-LL", "CQ-XY"], rng.choice((1, 1, 2))):
            stock.append({"sku": sku, "warehouse": w, "on_hand": rng.randrange(5, 500)})
    doc = {
        "version": 1,
        "warehouses": [
            {"code": "CQ-LL", "name": {"zh-Hans": "重庆两路寸滩保税港区仓", "en": "Chongqing Lianglu-Cuntan Bonded Port warehouse"}},
            {"code": "CQ-XY", "name": {"zh-Hans": "重庆西永综合保税区仓", "en": "Chongqing Xiyong Comprehensive Bonded Zone warehouse"}},
        ],
        "products": products, "stock": stock,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def ean13(rng):
    digits = [6, 9] + [rng.randrange(10) for _ in range(10)]  # a made-up EAN-13 with a valid check digit
    total = sum(d * (3 if k % 2 else 1) for k, d in enumerate(digits))
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


if __name__ == "__main__":
    main()
