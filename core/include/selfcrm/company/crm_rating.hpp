#pragma once
/// @file
/// How a CRM files one customer, from the claims they granted the company (a customer row's
/// "claims", as `selfcrm intake export` writes rows): the lifecycle stage and the lead score of
/// `selfcrm export crm`.
///
///   stage  Evangelist  segment:evangelist is true
///          Customer    band:clv or rfm:segment was shared (claims only a purchase history gives)
///          Lead        anything else
///   score  the mean of the bands shared of band:clv, band:engagement and band:influence, with
///          low 0, medium 50, high 100, rounded half up; none when none of them was shared
///
/// A band shared as a list counts by its first element; a value that is not low, medium or high
/// (a number, another word) is not a band and is left out of the mean.

#include <cstddef>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/ndjson.hpp"

namespace selfcrm::company {

enum class LifecycleStage { Lead, Customer, Evangelist };

/// "Lead", "Customer" or "Evangelist": HubSpot's lifecycle stage names.
const char* stageName(LifecycleStage stage) noexcept;

struct CrmRating {
  LifecycleStage stage = LifecycleStage::Lead;
  std::optional<int> leadScore;  ///< 0…100; empty when no band was shared
};

/// {"stage": "Lead", "leadScore": 50} (leadScore null when there is none).
void to_json(nlohmann::json& out, const CrmRating& rating);

/// The rating of one customer's claims object. Throws Error(E_SCHEMA, "/claims") for a non-object.
CrmRating rateClaims(JsonView claims);

/// Rates every customer row {"claims": {…}} of an NDJSON chunk (a row's "subject" is not read):
/// one result line per row, in input order (to_json of its rating); any other line is a reject.
NdjsonResult rateRows(std::string_view ndjson, std::size_t firstLine);

}  // namespace selfcrm::company
