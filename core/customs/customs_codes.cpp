#include "core/customs/customs_codes.h"

#include <iterator>

namespace bondstore {

// Customs' country (region) table, 242 codes, and its unit table (JGS-20), 123 codes: the values
// of the parameter tables integrators ship, cross-checked between independent copies; the
// alpha-2 codes beside them from Debian's iso-codes. docs/customs-codes.md names the sources and
// where they differ.
static const CustomsCountry kCountries[] = {
    {"101", "AF", "阿富汗"}, {"102", "BH", "巴林"}, {"103", "BD", "孟加拉国"}, {"104", "BT", "不丹"},
    {"105", "BN", "文莱"}, {"106", "MM", "缅甸"}, {"107", "KH", "柬埔寨"}, {"108", "CY", "塞浦路斯"},
    {"109", "KP", "朝鲜"}, {"110", "HK", "中国香港"}, {"111", "IN", "印度"}, {"112", "ID", "印度尼西亚"},
    {"113", "IR", "伊朗"}, {"114", "IQ", "伊拉克"}, {"115", "IL", "以色列"}, {"116", "JP", "日本"},
    {"117", "JO", "约旦"}, {"118", "KW", "科威特"}, {"119", "LA", "老挝"}, {"120", "LB", "黎巴嫩"},
    {"121", "MO", "中国澳门"}, {"122", "MY", "马来西亚"}, {"123", "MV", "马尔代夫"}, {"124", "MN", "蒙古"},
    {"125", "NP", "尼泊尔"}, {"126", "OM", "阿曼"}, {"127", "PK", "巴基斯坦"}, {"128", "PS", "巴勒斯坦"},
    {"129", "PH", "菲律宾"}, {"130", "QA", "卡塔尔"}, {"131", "SA", "沙特阿拉伯"}, {"132", "SG", "新加坡"},
    {"133", "KR", "韩国"}, {"134", "LK", "斯里兰卡"}, {"135", "SY", "叙利亚"}, {"136", "TH", "泰国"},
    {"137", "TR", "土耳其"}, {"138", "AE", "阿联酋"}, {"139", "YE", "也门共和国"}, {"141", "VN", "越南"},
    {"142", "CN", "中国"}, {"143", "TW", "台澎金马关税区"}, {"144", "TL", "东帝汶"}, {"145", "KZ", "哈萨克斯坦"},
    {"146", "KG", "吉尔吉斯斯坦"}, {"147", "TJ", "塔吉克斯坦"}, {"148", "TM", "土库曼斯坦"}, {"149", "UZ", "乌兹别克斯坦"},
    {"199", "", "亚洲其他国家(地区)"}, {"201", "DZ", "阿尔及利亚"}, {"202", "AO", "安哥拉"}, {"203", "BJ", "贝宁"},
    {"204", "BW", "博茨瓦那"}, {"205", "BI", "布隆迪"}, {"206", "CM", "喀麦隆"}, {"207", "", "加那利群岛"},
    {"208", "CV", "佛得角"}, {"209", "CF", "中非共和国"}, {"210", "", "塞卜泰"}, {"211", "TD", "乍得"},
    {"212", "KM", "科摩罗"}, {"213", "CG", "刚果"}, {"214", "DJ", "吉布提"}, {"215", "EG", "埃及"},
    {"216", "GQ", "赤道几内亚"}, {"217", "ET", "埃塞俄比亚"}, {"218", "GA", "加蓬"}, {"219", "GM", "冈比亚"},
    {"220", "GH", "加纳"}, {"221", "GN", "几内亚"}, {"222", "GW", "几内亚(比绍)"}, {"223", "CI", "科特迪瓦"},
    {"224", "KE", "肯尼亚"}, {"225", "LR", "利比里亚"}, {"226", "LY", "利比亚"}, {"227", "MG", "马达加斯加"},
    {"228", "MW", "马拉维"}, {"229", "ML", "马里"}, {"230", "MR", "毛里塔尼亚"}, {"231", "MU", "毛里求斯"},
    {"232", "MA", "摩洛哥"}, {"233", "MZ", "莫桑比克"}, {"234", "NA", "纳米比亚"}, {"235", "NE", "尼日尔"},
    {"236", "NG", "尼日利亚"}, {"237", "RE", "留尼汪"}, {"238", "RW", "卢旺达"}, {"239", "ST", "圣多美和普林西比"},
    {"240", "SN", "塞内加尔"}, {"241", "SC", "塞舌尔"}, {"242", "SL", "塞拉利昂"}, {"243", "SO", "索马里"},
    {"244", "ZA", "南非"}, {"245", "EH", "西撒哈拉"}, {"246", "SD", "苏丹"}, {"247", "TZ", "坦桑尼亚"},
    {"248", "TG", "多哥"}, {"249", "TN", "突尼斯"}, {"250", "UG", "乌干达"}, {"251", "BF", "布基纳法索"},
    {"252", "CD", "民主刚果"}, {"253", "ZM", "赞比亚"}, {"254", "ZW", "津巴布韦"}, {"255", "LS", "莱索托"},
    {"256", "", "梅利利亚"}, {"257", "SZ", "斯威士兰"}, {"258", "ER", "厄立特里亚"}, {"259", "YT", "马约特岛"},
    {"299", "", "非洲其他国家(地区)"}, {"301", "BE", "比利时"}, {"302", "DK", "丹麦"}, {"303", "GB", "英国"},
    {"304", "DE", "德国"}, {"305", "FR", "法国"}, {"306", "IE", "爱尔兰"}, {"307", "IT", "意大利"},
    {"308", "LU", "卢森堡"}, {"309", "NL", "荷兰"}, {"310", "GR", "希腊"}, {"311", "PT", "葡萄牙"},
    {"312", "ES", "西班牙"}, {"313", "AL", "阿尔巴尼亚"}, {"314", "AD", "安道尔"}, {"315", "AT", "奥地利"},
    {"316", "BG", "保加利亚"}, {"318", "FI", "芬兰"}, {"320", "GI", "直布罗陀"}, {"321", "HU", "匈牙利"},
    {"322", "IS", "冰岛"}, {"323", "LI", "列支敦士登"}, {"324", "MT", "马耳他"}, {"325", "MC", "摩纳哥"},
    {"326", "NO", "挪威"}, {"327", "PL", "波兰"}, {"328", "RO", "罗马尼亚"}, {"329", "SM", "圣马力诺"},
    {"330", "SE", "瑞典"}, {"331", "CH", "瑞士"}, {"334", "EE", "爱沙尼亚"}, {"335", "LV", "拉脱维亚"},
    {"336", "LT", "立陶宛"}, {"337", "GE", "格鲁吉亚"}, {"338", "AM", "亚美尼亚"}, {"339", "AZ", "阿塞拜疆"},
    {"340", "BY", "白俄罗斯"}, {"343", "MD", "摩尔多瓦"}, {"344", "RU", "俄罗斯联邦"}, {"347", "UA", "乌克兰"},
    {"349", "CS", "塞尔维亚和黑山"}, {"350", "SI", "斯洛文尼亚"}, {"351", "HR", "克罗地亚"}, {"352", "CZ", "捷克共和国"},
    {"353", "SK", "斯洛伐克"}, {"354", "MK", "马其顿"}, {"355", "BA", "波斯尼亚-黑塞哥维那共和"}, {"356", "VA", "梵蒂冈城国"},
    {"357", "FO", "法罗群岛"}, {"358", "RS", "塞尔维亚"}, {"359", "ME", "黑山"}, {"399", "", "欧洲其他国家(地区)"},
    {"401", "AG", "安提瓜和巴布达"}, {"402", "AR", "阿根廷"}, {"403", "AW", "阿鲁巴岛"}, {"404", "BS", "巴哈马"},
    {"405", "BB", "巴巴多斯"}, {"406", "BZ", "伯利兹"}, {"408", "BO", "玻利维亚"}, {"409", "BQ", "博内尔"},
    {"410", "BR", "巴西"}, {"411", "KY", "开曼群岛"}, {"412", "CL", "智利"}, {"413", "CO", "哥伦比亚"},
    {"414", "DM", "多米尼亚共和国"}, {"415", "CR", "哥斯达黎加"}, {"416", "CU", "古巴"}, {"417", "CW", "库腊索岛"},
    {"418", "DO", "多米尼加共和国"}, {"419", "EC", "厄瓜多尔"}, {"420", "GF", "法属圭亚那"}, {"421", "GD", "格林纳达"},
    {"422", "GP", "瓜德罗普"}, {"423", "GT", "危地马拉"}, {"424", "GY", "圭亚那"}, {"425", "HT", "海地"},
    {"426", "HN", "洪都拉斯"}, {"427", "JM", "牙买加"}, {"428", "MQ", "马提尼克"}, {"429", "MX", "墨西哥"},
    {"430", "MS", "蒙特塞拉特"}, {"431", "NI", "尼加拉瓜"}, {"432", "PA", "巴拿马"}, {"433", "PY", "巴拉圭"},
    {"434", "PE", "秘鲁"}, {"435", "PR", "波多黎各"}, {"436", "BQ", "萨巴"}, {"437", "LC", "圣卢西亚"},
    {"438", "", "圣马丁岛"}, {"439", "VC", "圣文森特和格林纳丁斯"}, {"440", "SV", "萨尔瓦多"}, {"441", "SR", "苏里南"},
    {"442", "TT", "特立尼达和多巴哥"}, {"443", "TC", "特克斯和凯科斯群岛"}, {"444", "UY", "乌拉圭"}, {"445", "VE", "委内瑞拉"},
    {"446", "VG", "英属维尔京群岛"}, {"447", "KN", "圣其茨-尼维斯"}, {"448", "PM", "圣皮埃尔和密克隆"},
    {"449", "AN", "荷属安地列斯群岛"}, {"499", "", "拉丁美洲其他国家(地区)"}, {"501", "CA", "加拿大"}, {"502", "US", "美国"},
    {"503", "GL", "格陵兰"}, {"504", "BM", "百慕大"}, {"599", "", "北美洲其他国家(地区)"}, {"601", "AU", "澳大利亚"},
    {"602", "CK", "库克群岛"}, {"603", "FJ", "斐济"}, {"604", "", "盖比群岛"}, {"605", "", "马克萨斯群岛"},
    {"606", "NR", "瑙鲁"}, {"607", "NC", "新喀里多尼亚"}, {"608", "VU", "瓦努阿图"}, {"609", "NZ", "新西兰"},
    {"610", "NF", "诺福克岛"}, {"611", "PG", "巴布亚新几内亚"}, {"612", "", "社会群岛"}, {"613", "SB", "所罗门群岛"},
    {"614", "TO", "汤加"}, {"615", "", "土阿莫土群岛"}, {"616", "", "土布艾群岛"}, {"617", "WS", "萨摩亚"},
    {"618", "KI", "基里巴斯"}, {"619", "TV", "图瓦卢"}, {"620", "FM", "密克罗尼西亚联邦"}, {"621", "MH", "马绍尔群岛"},
    {"622", "PW", "帕劳共和国"}, {"623", "PF", "法属波利尼西亚"}, {"625", "WF", "瓦利斯和浮图纳"}, {"699", "", "大洋洲其他国家(地区)"},
    {"701", "", "国(地)别不详的"}, {"702", "", "联合国及机构和国际组织"}, {"999", "", "中性包装原产国别"},
};

static const CustomsUnit kUnits[] = {
    {"001", "set", "台", CustomsUnit::Measure::Count}, {"002", "", "座", CustomsUnit::Measure::Count},
    {"003", "", "辆", CustomsUnit::Measure::Count}, {"004", "", "艘", CustomsUnit::Measure::Count},
    {"005", "", "架", CustomsUnit::Measure::Count}, {"006", "suite", "套", CustomsUnit::Measure::Count},
    {"007", "piece", "个", CustomsUnit::Measure::Count}, {"008", "", "只", CustomsUnit::Measure::Count},
    {"009", "", "头", CustomsUnit::Measure::Count}, {"010", "", "张", CustomsUnit::Measure::Count},
    {"011", "article", "件", CustomsUnit::Measure::Count}, {"012", "stick", "支", CustomsUnit::Measure::Count},
    {"013", "", "枝", CustomsUnit::Measure::Count}, {"014", "", "根", CustomsUnit::Measure::Count},
    {"015", "strip", "条", CustomsUnit::Measure::Count}, {"016", "", "把", CustomsUnit::Measure::Count},
    {"017", "", "块", CustomsUnit::Measure::Count}, {"018", "", "卷", CustomsUnit::Measure::Count},
    {"019", "", "副", CustomsUnit::Measure::Count}, {"020", "sheet", "片", CustomsUnit::Measure::Count},
    {"021", "", "组", CustomsUnit::Measure::Count}, {"022", "", "份", CustomsUnit::Measure::Count},
    {"023", "", "幅", CustomsUnit::Measure::Count}, {"025", "pair", "双", CustomsUnit::Measure::Count},
    {"026", "", "对", CustomsUnit::Measure::Count}, {"027", "", "棵", CustomsUnit::Measure::Count},
    {"028", "", "株", CustomsUnit::Measure::Count}, {"029", "", "井", CustomsUnit::Measure::Count},
    {"030", "", "米", CustomsUnit::Measure::Other}, {"031", "", "盘", CustomsUnit::Measure::Count},
    {"032", "", "平方米", CustomsUnit::Measure::Other}, {"033", "", "立方米", CustomsUnit::Measure::Volume},
    {"034", "", "筒", CustomsUnit::Measure::Count}, {"035", "kg", "千克", CustomsUnit::Measure::Mass},
    {"036", "g", "克", CustomsUnit::Measure::Mass}, {"037", "", "盆", CustomsUnit::Measure::Count},
    {"038", "", "万个", CustomsUnit::Measure::Count}, {"039", "", "具", CustomsUnit::Measure::Count},
    {"040", "", "百副", CustomsUnit::Measure::Count}, {"041", "", "百支", CustomsUnit::Measure::Count},
    {"042", "", "百把", CustomsUnit::Measure::Count}, {"043", "", "百个", CustomsUnit::Measure::Count},
    {"044", "", "百片", CustomsUnit::Measure::Count}, {"045", "", "刀", CustomsUnit::Measure::Count},
    {"046", "", "疋", CustomsUnit::Measure::Count}, {"047", "", "公担", CustomsUnit::Measure::Mass},
    {"048", "", "扇", CustomsUnit::Measure::Count}, {"049", "", "百枝", CustomsUnit::Measure::Count},
    {"050", "", "千只", CustomsUnit::Measure::Count}, {"051", "", "千块", CustomsUnit::Measure::Count},
    {"052", "", "千盒", CustomsUnit::Measure::Count}, {"053", "", "千枝", CustomsUnit::Measure::Count},
    {"054", "", "千个", CustomsUnit::Measure::Count}, {"055", "", "亿支", CustomsUnit::Measure::Count},
    {"056", "", "亿个", CustomsUnit::Measure::Count}, {"057", "", "万套", CustomsUnit::Measure::Count},
    {"058", "", "千张", CustomsUnit::Measure::Count}, {"059", "", "万张", CustomsUnit::Measure::Count},
    {"060", "", "千伏安", CustomsUnit::Measure::Other}, {"061", "", "千瓦", CustomsUnit::Measure::Other},
    {"062", "", "千瓦时", CustomsUnit::Measure::Other}, {"063", "", "千升", CustomsUnit::Measure::Volume},
    {"067", "", "英尺", CustomsUnit::Measure::Other}, {"070", "", "吨", CustomsUnit::Measure::Mass},
    {"071", "", "长吨", CustomsUnit::Measure::Mass}, {"072", "", "短吨", CustomsUnit::Measure::Mass},
    {"073", "", "司马担", CustomsUnit::Measure::Mass}, {"074", "", "司马斤", CustomsUnit::Measure::Mass},
    {"075", "", "斤", CustomsUnit::Measure::Mass}, {"076", "", "磅", CustomsUnit::Measure::Mass},
    {"077", "", "担", CustomsUnit::Measure::Mass}, {"078", "", "英担", CustomsUnit::Measure::Mass},
    {"079", "", "短担", CustomsUnit::Measure::Mass}, {"080", "", "两", CustomsUnit::Measure::Mass},
    {"081", "", "市担", CustomsUnit::Measure::Mass}, {"083", "", "盎司", CustomsUnit::Measure::Mass},
    {"084", "", "克拉", CustomsUnit::Measure::Mass}, {"085", "", "市尺", CustomsUnit::Measure::Other},
    {"086", "", "码", CustomsUnit::Measure::Other}, {"088", "", "英寸", CustomsUnit::Measure::Other},
    {"089", "", "寸", CustomsUnit::Measure::Other}, {"095", "L", "升", CustomsUnit::Measure::Volume},
    {"096", "ml", "毫升", CustomsUnit::Measure::Volume}, {"097", "", "英加仑", CustomsUnit::Measure::Volume},
    {"098", "", "美加仑", CustomsUnit::Measure::Volume}, {"099", "", "立方英尺", CustomsUnit::Measure::Volume},
    {"101", "", "立方尺", CustomsUnit::Measure::Volume}, {"110", "", "平方码", CustomsUnit::Measure::Other},
    {"111", "", "平方英尺", CustomsUnit::Measure::Other}, {"112", "", "平方尺", CustomsUnit::Measure::Other},
    {"115", "", "英制马力", CustomsUnit::Measure::Other}, {"116", "", "公制马力", CustomsUnit::Measure::Other},
    {"118", "", "令", CustomsUnit::Measure::Count}, {"120", "carton", "箱", CustomsUnit::Measure::Count},
    {"121", "", "批", CustomsUnit::Measure::Count}, {"122", "can", "罐", CustomsUnit::Measure::Count},
    {"123", "", "桶", CustomsUnit::Measure::Count}, {"124", "", "扎", CustomsUnit::Measure::Count},
    {"125", "pack", "包", CustomsUnit::Measure::Count}, {"126", "", "箩", CustomsUnit::Measure::Count},
    {"127", "", "打", CustomsUnit::Measure::Count}, {"128", "", "筐", CustomsUnit::Measure::Count},
    {"129", "", "罗", CustomsUnit::Measure::Count}, {"130", "", "匹", CustomsUnit::Measure::Count},
    {"131", "", "册", CustomsUnit::Measure::Count}, {"132", "", "本", CustomsUnit::Measure::Count},
    {"133", "", "发", CustomsUnit::Measure::Count}, {"134", "", "枚", CustomsUnit::Measure::Count},
    {"135", "", "捆", CustomsUnit::Measure::Count}, {"136", "bag", "袋", CustomsUnit::Measure::Count},
    {"139", "", "粒", CustomsUnit::Measure::Count}, {"140", "box", "盒", CustomsUnit::Measure::Count},
    {"141", "", "合", CustomsUnit::Measure::Count}, {"142", "bottle", "瓶", CustomsUnit::Measure::Count},
    {"143", "", "千支", CustomsUnit::Measure::Count}, {"144", "", "万双", CustomsUnit::Measure::Count},
    {"145", "", "万粒", CustomsUnit::Measure::Count}, {"146", "", "千粒", CustomsUnit::Measure::Count},
    {"147", "", "千米", CustomsUnit::Measure::Other}, {"148", "", "千英尺", CustomsUnit::Measure::Other},
    {"149", "", "百万贝可", CustomsUnit::Measure::Other}, {"163", "", "部", CustomsUnit::Measure::Count},
    {"164", "", "亿株", CustomsUnit::Measure::Count},
};

const CustomsCountry* FindCountryByCustomsCode(std::string_view code)
{
    if (code.empty()) return nullptr;
    for (const CustomsCountry& c : kCountries)
        if (c.customs == code) return &c;
    return nullptr;
}

const CustomsCountry* FindCountryByIso2(std::string_view iso2)
{
    if (iso2.empty()) return nullptr;
    for (const CustomsCountry& c : kCountries)
        if (c.iso2 == iso2) return &c;
    return nullptr;
}

const CustomsUnit* FindUnitByCode(std::string_view code)
{
    for (const CustomsUnit& u : kUnits)
        if (u.code == code) return &u;
    return nullptr;
}

const CustomsUnit* FindUnitBySymbol(std::string_view symbol)
{
    if (symbol.empty()) return nullptr;
    for (const CustomsUnit& u : kUnits)
        if (u.symbol == symbol) return &u;
    return nullptr;
}

CustomsTables AllCustomsCodes() { return {kCountries, std::size(kCountries), kUnits, std::size(kUnits)}; }

const PaymentCompany* FindPaymentCompany(std::string_view provider)
{
    // WeChat Pay's company is Tenpay (财付通), code 4403169D3W [I1]; its payName is the company's
    // registered name, which no primary source prints beside the code (SPEC.md §5: unverified).
    // Alipay's: 31222699S7, 支付宝(中国)网络技术有限公司 [AP2].
    static const PaymentCompany companies[] = {
        {"wechat", "4403169D3W", "财付通支付科技有限公司"},
        {"alipay", "31222699S7", "支付宝(中国)网络技术有限公司"},
    };
    for (const PaymentCompany& c : companies)
        if (c.provider == provider) return &c;
    return nullptr;
}

} // namespace bondstore
