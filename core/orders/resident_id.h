// ResidentId: the PRC resident identity number (GB 11643-1999) a cross-border buyer must give:
// 6-digit address code, 8-digit birth date, 3-digit sequence, check character (ISO 7064
// MOD 11-2). Customs checks the orderer against it; Bondstore checks it before an order is taken.
// (SPEC.md §4.)
#pragma once

#include "core/base/calendar_date.h"

#include <string>
#include <string_view>

namespace bondstore {

struct ResidentIdCheck {
    std::string normalized; // 18 characters, check 'X' upper-case; 15-digit numbers expanded
    std::string error;      // "" when valid; else a problem code:
                            //   identity.id_format       not 15 or 18 digits (last may be X)
                            //   identity.id_region       address code cannot be a region (province 11–82)
                            //   identity.id_birth_date   not a real date, before 1900, or after `today`
                            //   identity.id_check_digit  the check character does not match
    CalendarDate birth_date;
    bool ok() const { return error.empty(); }
};

// Checks `input` (spaces around it ignored, 'x' accepted) as of `today`.
ResidentIdCheck CheckResidentId(std::string_view input, CalendarDate today);

// The check character for 17 digits ("10X98765432"[Σ dᵢ·Wᵢ mod 11]).
char ResidentIdCheckChar(std::string_view first17);

// How an ID number may be shown anywhere outside its encrypted column: the address code and
// the last four kept, the rest starred ("110105********002X"). Anything that is not 15 or 18
// characters is starred entirely.
std::string MaskResidentId(std::string_view id);

} // namespace bondstore
