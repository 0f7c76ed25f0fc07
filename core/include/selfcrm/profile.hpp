#pragma once
/// @file
/// The customer's own data, as the core computes on it: one person with many identifiers, the
/// Four Ps of attributes, and their history. Plain structs: the vault (vault/) owns parsing,
/// validation, normalisation and operations; scores, text and segments only read these.

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "selfcrm/time.hpp"

namespace selfcrm {

/** @name Identity */
enum class IdentityKind { Email, Phone, Twitter, Facebook, Linkedin, Instagram, Forum, Other };

struct Identity {
  IdentityKind kind = IdentityKind::Email;
  std::string network;     ///< for Forum/Other: which forum or network ("" otherwise)
  std::string value;       ///< as the customer entered it
  std::string normalized;  ///< the comparison key (see the vault's normalisation rules)
  bool verified = false;
  bool primary = false;
  Timestamp addedAt = 0;
};

/** @name Attributes: the Four Ps */
enum class AttributeCategory { Personal, Profile, Preferential, Performance };

/// An ISO-8601 date attribute: the instant, kept apart from plain strings.
struct DateValue {
  Timestamp at = 0;
  bool operator==(const DateValue& o) const { return at == o.at; }
};

/// string, number, boolean, date, or list of strings.
using AttributeValue = std::variant<std::string, double, bool, DateValue, std::vector<std::string>>;
using AttributeMap = std::map<std::string, AttributeValue>;

struct Attributes {
  AttributeMap personal;      ///< name, locale, birth year…
  AttributeMap profile;       ///< job, company, interests…
  AttributeMap preferential;  ///< channels, topics, frequency…
  AttributeMap performance;   ///< consumption patterns, attitudes
};

/** @name History */
struct Transaction {
  std::string id;
  Timestamp at = 0;
  double amount = 0;  ///< revenue, in `currency`
  double margin = 0;  ///< contribution margin, in `currency`
  std::string currency;
  std::string category;
};

enum class Direction { CustomerToBusiness, BusinessToCustomer };

struct Interaction {
  std::string id;
  Timestamp at = 0;
  std::string channel;  ///< "email", "twitter", "forum", "phone", "chat", …
  Direction direction = Direction::CustomerToBusiness;
  bool isPublic = false;
  std::int64_t participants = 2;  ///< people in the conversation, the customer included
  std::string threadId;           ///< "" when not part of a thread
  bool replyExpected = false;
  bool replyReceived = false;
  std::string text;
};

struct SurveyAnswer {
  std::string id;
  Timestamp at = 0;
  int score = 0;                    ///< NPS answer, 0–10
  bool statedIntentToRecommend = false;
};

struct Referral {
  std::string id;
  Timestamp at = 0;
  std::string referredCustomerId;
  bool converted = false;
  double value = 0;  ///< margin the referred customer brought (or is expected to)
};

struct SocialReach {
  std::string network;
  Timestamp at = 0;  ///< when these counts were observed
  std::int64_t followers = 0;
  std::int64_t posts = 0;
  std::int64_t reshares = 0;  ///< reshares/retweets of this person's posts received
  std::int64_t mentions = 0;  ///< mentions of this person received
};

struct History {
  std::vector<Transaction> transactions;
  std::vector<Interaction> interactions;
  std::vector<SurveyAnswer> surveys;
  std::vector<Referral> referrals;
  std::vector<SocialReach> reach;
};

/// One person: everything the vault holds that computations read.
struct Profile {
  std::string id;
  std::vector<Identity> identities;
  Attributes attributes;
  History history;
};

}  // namespace selfcrm
