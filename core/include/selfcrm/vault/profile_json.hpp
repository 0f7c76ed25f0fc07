#pragma once
/// @file
/// The JSON form of a Profile and of each of its records, read strictly: a wrong type, an
/// out-of-range value, a bad date or an unknown field throws selfcrm::Error with the JSON Pointer
/// of the offending value. Field names are the C++ member names; instants are ISO-8601 strings;
/// enums are lowercase strings. Other areas parse the profiles they compute on through these.
///
/// Attribute values: a JSON string, number, boolean, array of strings, or `{"date": "<ISO-8601>"}`
/// for a date (written back as "YYYY-MM-DDTHH:MM:SSZ").

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"

namespace selfcrm {

/** @name Whole profiles */
/// Reads a profile object `{id, identities, attributes, history}`; a whole vault document is
/// accepted too (its `schemaVersion`, `journal`, `grants` and `ledger` are validated, then left out).
/// Identities are normalised; records keep the order given. Throws selfcrm::Error.
Profile profileFromJson(const nlohmann::json& value, const std::string& pointer = "");
/// Writes every field of `profile` (defaults included), so the output reads back equal.
nlohmann::json profileToJson(const Profile& profile);

/** @name One part at a time (pointer = where `value` sits in the caller's document) */
Identity identityFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json identityToJson(const Identity& identity);
AttributeValue attributeValueFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json attributeValueToJson(const AttributeValue& value);
Attributes attributesFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json attributesToJson(const Attributes& attributes);
History historyFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json historyToJson(const History& history);

Transaction transactionFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json transactionToJson(const Transaction& record);
Interaction interactionFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json interactionToJson(const Interaction& record);
SurveyAnswer surveyAnswerFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json surveyAnswerToJson(const SurveyAnswer& record);
Referral referralFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json referralToJson(const Referral& record);
SocialReach socialReachFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json socialReachToJson(const SocialReach& record);

/** @name Enums as strings */
const char* attributeCategoryName(AttributeCategory category) noexcept;
/// Throws Error(E_RANGE, path) for a name other than personal/profile/preferential/performance.
AttributeCategory attributeCategoryFromName(const std::string& name, const std::string& path);
AttributeMap& attributeMap(Attributes& attributes, AttributeCategory category);
const AttributeMap& attributeMap(const Attributes& attributes, AttributeCategory category);

}  // namespace selfcrm
