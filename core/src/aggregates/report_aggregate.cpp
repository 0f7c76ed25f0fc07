#include "selfcrm/aggregates/report_aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "selfcrm/error.hpp"

namespace selfcrm::aggregates {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

const json* at(const json& j, std::initializer_list<const char*> path) {
  const json* node = &j;
  for (const char* key : path) {
    if (!node->is_object()) return nullptr;
    const auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

std::size_t wholeAt(const json& j, std::initializer_list<const char*> path, const std::string& where) {
  const json* v = at(j, path);
  if (!v || v->is_null()) return 0;
  if (!v->is_number() || v->get<double>() < 0 || std::floor(v->get<double>()) != v->get<double>()) {
    throw Error(ErrorCode::Schema, where, "an insights result with a count that is not whole");
  }
  return v->get<std::size_t>();
}

/// Most first; ties by name, so the order does not depend on which part saw a name first.
ordered ranked(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> list(counts.begin(), counts.end());
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  ordered out = ordered::object();
  for (const auto& [name, n] : list) out[name] = n;
  return out;
}

json countsJson(const std::map<std::string, std::uint64_t>& counts) {
  json out = json::object();
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

}  // namespace

ReportAggregate::ReportAggregate(PartialHeader header)
    : gate_([&] {
        header.format = kReportPartialFormat;
        header.version = kReportPartialVersion;
        return std::move(header);
      }()) {
  for (const char* name : kReportScores) scores_[name];
}

void ReportAggregate::addInsightsNdjson(std::string_view ndjson, std::size_t firstLine) {
  std::size_t lineNo = firstLine;
  std::size_t start = 0;
  while (start < ndjson.size()) {
    std::size_t end = ndjson.find('\n', start);
    if (end == std::string_view::npos) end = ndjson.size();
    const std::string_view line = ndjson.substr(start, end - start);
    const std::string where = "line:" + std::to_string(lineNo);
    start = end + 1;
    ++lineNo;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !at(j, {"scores"}) || !at(j, {"scores"})->is_object()) {
      throw Error(ErrorCode::Schema, where, "not an insights result line (analyze's output)");
    }
    // Everything checked before anything is counted: a bad line changes nothing.
    std::vector<std::pair<const char*, double>> values;
    for (const char* name : kReportScores) {
      const json* v = at(j, {"scores", name, "value"});
      if (v && v->is_number()) values.emplace_back(name, v->get<double>());
    }
    std::optional<int> latest;
    if (const json* v = at(j, {"scores", "nps", "value"}); v && v->is_number()) {
      if (!isNpsAnswer(v->get<double>())) throw Error(ErrorCode::Schema, where, "an NPS value that is not an answer from 0 to 10");
      latest = static_cast<int>(v->get<double>());
    }
    const auto customer = scores::customerNps(latest, wholeAt(j, {"scores", "crv", "referrals"}, where), wholeAt(j, {"scores", "crv", "converted"}, where));
    std::vector<std::string> segments;
    if (const json* list = at(j, {"segments", "segments"}); list && list->is_array()) {
      for (const auto& s : *list) {
        if (const json* name = at(s, {"name"}); name && name->is_string()) segments.push_back(name->get<std::string>());
      }
    }
    const json* persona = at(j, {"persona", "persona", "name"});
    const json* rfm = at(j, {"scores", "rfm", "segment"});

    for (const auto& [name, value] : values) scores_[name].add(value);
    advocacy_.add(customer);
    for (auto& s : segments) ++segments_[std::move(s)];
    ++personas_[persona && persona->is_string() ? persona->get<std::string>() : "none"];
    if (rfm && rfm->is_string() && !rfm->get<std::string>().empty()) ++rfmSegments_[rfm->get<std::string>()];
    ++profiles_;
  }
}

nlohmann::json ReportAggregate::totals() const {
  return {{"lines", lines_}, {"rejected", rejected_}, {"profiles", profiles_}};
}

std::string ReportAggregate::partialText() const {
  ordered out = ordered::object();
  writeHeader(out, gate_.header());
  out["lines"] = lines_;
  out["profiles"] = profiles_;
  out["rejected"] = rejected_;
  const auto& t = advocacy_.tally;
  out["advocacy"] = {{"promoters", t.promoters()}, {"passives", t.passives()}, {"detractors", t.detractors()},
                     {"promotersWhoReferred", advocacy_.promotersWhoReferred}, {"referrals", advocacy_.referrals},
                     {"converted", advocacy_.converted}, {"silentAdvocates", advocacy_.silentAdvocates}};
  ordered scores = ordered::object();
  for (const char* name : kReportScores) scores[name] = scores_.at(name).toJson();
  out["scores"] = std::move(scores);
  out["segments"] = countsJson(segments_);
  out["personas"] = countsJson(personas_);
  out["rfmSegments"] = countsJson(rfmSegments_);
  return out.dump();
}

void ReportAggregate::mergePartial(const std::string& text) {
  const json part = parsePartial(text);
  PartGate gate = gate_;
  gate.admit(part);
  // Read the whole part before changing anything.
  const std::uint64_t lines = countMember(part, "lines"), profiles = countMember(part, "profiles"), rejected = countMember(part, "rejected");
  const auto advocacy = part.find("advocacy");
  if (advocacy == part.end() || !advocacy->is_object()) throw Error(ErrorCode::Schema, "/advocacy", "expected an object");
  scores::AdvocacyTotals totals;
  totals.tally = NpsTally::fromCounts(countMember(*advocacy, "promoters", "/advocacy"), countMember(*advocacy, "passives", "/advocacy"),
                                      countMember(*advocacy, "detractors", "/advocacy"));
  totals.promotersWhoReferred = countMember(*advocacy, "promotersWhoReferred", "/advocacy");
  totals.referrals = countMember(*advocacy, "referrals", "/advocacy");
  totals.converted = countMember(*advocacy, "converted", "/advocacy");
  totals.silentAdvocates = countMember(*advocacy, "silentAdvocates", "/advocacy");
  if (totals.tally.count() > profiles || totals.converted > totals.referrals || totals.promotersWhoReferred > totals.tally.promoters()) {
    throw Error(ErrorCode::Range, "/advocacy", "counts that no set of profiles gives");
  }
  const auto scoresIt = part.find("scores");
  if (scoresIt == part.end() || !scoresIt->is_object()) throw Error(ErrorCode::Schema, "/scores", "expected an object");
  std::map<std::string, ValueMultiset> scores;
  for (const char* name : kReportScores) {
    const std::string where = std::string("/scores/") + name;
    if (!scoresIt->contains(name)) throw Error(ErrorCode::Schema, where, "missing");
    scores[name] = ValueMultiset::fromJson((*scoresIt)[name], where);
    if (scores[name].count() > profiles) throw Error(ErrorCode::Range, where, "more values than profiles");
  }
  std::map<std::string, std::uint64_t> segments, personas, rfm;
  addCountsMember(part, "segments", segments);
  addCountsMember(part, "personas", personas);
  addCountsMember(part, "rfmSegments", rfm);

  gate_ = std::move(gate);
  lines_ += lines;
  profiles_ += profiles;
  rejected_ += rejected;
  advocacy_.merge(totals);
  for (auto& [name, values] : scores) scores_[name].merge(values);
  for (const auto& [k, n] : segments) segments_[k] += n;
  for (const auto& [k, n] : personas) personas_[k] += n;
  for (const auto& [k, n] : rfm) rfmSegments_[k] += n;
}

std::string ReportAggregate::reportText() const {
  if (profiles_ == 0) throw Error(ErrorCode::Empty, "", "no profile was counted: a report of nobody is not written");
  const auto a = scores::populationAdvocacy(advocacy_, scores::NoAnswers::Allow);
  ordered out = ordered::object();
  out["asOf"] = gate_.header().asOf;
  out["profiles"] = profiles_;
  out["rejected"] = rejected_;
  out["nps"] = a.answered ? ordered::parse(json(a.nps).dump()) : ordered(nullptr);
  out["advocacy"] = {{"promoters", a.promoters}, {"promotersWhoReferred", a.promotersWhoReferred},
                     {"promoterReferralShare", a.promoterReferralShare}, {"silentAdvocates", a.silentAdvocates},
                     {"referrals", a.referrals}, {"convertedReferrals", a.converted}, {"referralConversion", a.referralConversion}};
  ordered scores = ordered::object();
  for (const char* name : kReportScores) scores[name] = ordered::parse(json(scores_.at(name).distribution()).dump());
  out["scores"] = std::move(scores);
  out["segments"] = ranked(segments_);
  out["personas"] = ranked(personas_);
  out["rfmSegments"] = ranked(rfmSegments_);
  return out.dump();
}

}  // namespace selfcrm::aggregates
