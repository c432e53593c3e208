#include "core/orders/resident_id.h"

namespace bondstore {

char ResidentIdCheckChar(std::string_view first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (size_t i = 0; i < 17 && i < first17.size(); i++) sum += (first17[i] - '0') * weights[i];
    return "10X98765432"[sum % 11];
}

ResidentIdCheck CheckResidentId(std::string_view input, CalendarDate today)
{
    ResidentIdCheck r;
    while (!input.empty() && input.front() == ' ') input.remove_prefix(1);
    while (!input.empty() && input.back() == ' ') input.remove_suffix(1);
    std::string id(input);
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
    auto digits = [](std::string_view s) {
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return true;
    };
    if (id.size() == 15 && digits(id)) {
        // Legacy: 2-digit year of the 1900s, no check character.
        id = id.substr(0, 6) + "19" + id.substr(6);
        id += ResidentIdCheckChar(id);
    } else if (!(id.size() == 18 && digits(std::string_view(id).substr(0, 17)) && (digits(id.substr(17)) || id[17] == 'X'))) {
        r.error = "identity.id_format";
        return r;
    }
    // Province codes run from 11 (Beijing) to 65 (Xinjiang), plus 71 (Taiwan), 81 and 82 (Hong
    // Kong, Macao residence permits); the address code never ends in "00" for a person.
    int province = (id[0] - '0') * 10 + (id[1] - '0');
    if (province < 11 || (province > 65 && province != 71 && province != 81 && province != 82) ||
        id.substr(2, 4) == "0000") {
        r.error = "identity.id_region";
        return r;
    }
    CalendarDate birth{std::stoi(id.substr(6, 4)), std::stoi(id.substr(10, 2)), std::stoi(id.substr(12, 2))};
    if (!birth.valid() || birth.year < 1900 || (today.valid() && today < birth)) {
        r.error = "identity.id_birth_date";
        return r;
    }
    if (ResidentIdCheckChar(id) != id[17]) {
        r.error = "identity.id_check_digit";
        return r;
    }
    r.normalized = std::move(id);
    r.birth_date = birth;
    return r;
}

std::string MaskResidentId(std::string_view id)
{
    if (id.size() != 18 && id.size() != 15) return std::string(id.size(), '*');
    std::string out(id.substr(0, 6));
    out.append(id.size() - 10, '*');
    out.append(id.substr(id.size() - 4));
    return out;
}

} // namespace bondstore
