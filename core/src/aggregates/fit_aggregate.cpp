#include "selfcrm/aggregates/fit_aggregate.hpp"

#include <algorithm>
#include <utility>

#include "selfcrm/error.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm::aggregates {

namespace {

using json = nlohmann::json;

std::vector<double> doubles(const json& part, const char* name, const std::string& at) {
  const auto it = part.find(name);
  const std::string where = at + "/" + name;
  if (it == part.end() || !it->is_array()) throw Error(ErrorCode::Schema, where, "expected an array of numbers");
  std::vector<double> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_number()) throw Error(ErrorCode::Schema, pointerAppend(where, i), "expected a number");
    out.push_back((*it)[i].get<double>());
  }
  return out;
}

void expand(const ValueMultiset& set, std::vector<double>& out) {
  const json j = set.toJson();
  for (std::size_t i = 0; i < j["values"].size(); ++i) out.insert(out.end(), j["counts"][i].get<std::size_t>(), j["values"][i].get<double>());
}

}  // namespace

std::uint64_t customerHash(std::string_view id) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return h;
}

FitAggregate::FitAggregate(PartialHeader header, scores::Model base)
    : gate_([&] {
        header.format = kFitPartialFormat;
        header.version = kFitPartialVersion;
        return std::move(header);
      }()),
      base_(std::move(base)) {}

std::vector<LineReject> FitAggregate::addTransactions(std::string_view ndjson) {
  if (gate_.header().asOf.empty()) throw Error(ErrorCode::Schema, "/asOf", "a partial fit needs the as-of time (T depends on it)");
  const Timestamp asOf = parseIsoTime(gate_.header().asOf, "/asOf");
  scores::CustomerHistories data;
  try {
    data = scores::summarizeTransactions(ndjson, asOf, base_.periodDays);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::Empty) throw;
    // A part with no usable line still counts its rejects (read as the fit reads them).
    auto rejects = scores::rfmSummary(ndjson, asOf, base_.rfm.monetary).rejects;
    rejected_ += rejects.size();
    return rejects;
  }
  const scores::FitInputs in = scores::fitInputs(data, base_);
  State part;
  part.linesUsed = in.linesUsed;
  part.rejected = in.rejected;
  for (const auto& id : data.customerIds) part.customerHashes.push_back(customerHash(id));
  std::sort(part.customerHashes.begin(), part.customerHashes.end());
  for (const auto& c : in.summaries) ++part.summaries[{c.frequency, c.recency, c.age, c.monetary}];
  for (std::size_t i = 0; i < in.summaries.size(); ++i) {
    part.recencyDays.add(in.recencyDays[i]);
    part.transactions.add(in.transactions[i]);
    part.monetary.add(in.monetary[i]);
  }
  part.amount = ExactSum::fromTerms(in.amountTerms);
  part.margin = ExactSum::fromTerms(in.marginTerms);
  absorb(std::move(part));
  return data.rejects;
}

void FitAggregate::absorb(State&& part) {
  std::vector<std::uint64_t> all;
  all.reserve(customerHashes_.size() + part.customerHashes.size());
  std::merge(customerHashes_.begin(), customerHashes_.end(), part.customerHashes.begin(), part.customerHashes.end(), std::back_inserter(all));
  if (std::adjacent_find(all.begin(), all.end()) != all.end()) {
    throw Error(ErrorCode::Conflict, "/customers",
                "a customer of this part was already counted in another: split transactions by customerId, so that each customer's lines are in one part");
  }
  customerHashes_ = std::move(all);
  linesUsed_ += part.linesUsed;
  rejected_ += part.rejected;
  for (const auto& [key, n] : part.summaries) summaries_[key] += n;
  recencyDays_.merge(part.recencyDays);
  transactions_.merge(part.transactions);
  monetary_.merge(part.monetary);
  amount_.merge(part.amount);
  margin_.merge(part.margin);
}

nlohmann::json FitAggregate::totals() const {
  return {{"lines", lines()}, {"linesUsed", linesUsed()}, {"rejected", rejected()}, {"customers", customers()}};
}

std::string FitAggregate::partialText() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  writeHeader(out, gate_.header());
  out["lines"] = lines_;
  out["unread"] = unread_;
  out["linesUsed"] = linesUsed_;
  out["rejected"] = rejected_;
  out["customers"] = customerHashes_;
  std::vector<double> x, tx, t, m;
  std::vector<std::uint64_t> counts;
  for (const auto& [key, n] : summaries_) {
    x.push_back(std::get<0>(key));
    tx.push_back(std::get<1>(key));
    t.push_back(std::get<2>(key));
    m.push_back(std::get<3>(key));
    counts.push_back(n);
  }
  out["summaries"] = {{"frequency", x}, {"recency", tx}, {"age", t}, {"monetary", m}, {"counts", counts}};
  out["rfm"] = {{"recencyDays", recencyDays_.toJson()}, {"transactions", transactions_.toJson()}, {"monetary", monetary_.toJson()}};
  out["amount"] = amount_.canonical();
  out["margin"] = margin_.canonical();
  return out.dump();
}

void FitAggregate::mergePartial(const std::string& text) {
  const json part = parsePartial(text);
  PartGate gate = gate_;
  gate.admit(part);
  State s;
  const std::uint64_t lines = countMember(part, "lines"), unread = countMember(part, "unread");
  s.linesUsed = countMember(part, "linesUsed");
  s.rejected = countMember(part, "rejected");
  const auto ids = part.find("customers");
  if (ids == part.end() || !ids->is_array()) throw Error(ErrorCode::Schema, "/customers", "expected an array of customer hashes");
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const auto& h = (*ids)[i];
    if (!h.is_number_unsigned() || (i > 0 && h.get<std::uint64_t>() <= s.customerHashes.back())) {
      throw Error(ErrorCode::Schema, pointerAppend("/customers", i), "expected ascending 64-bit customer hashes");
    }
    s.customerHashes.push_back(h.get<std::uint64_t>());
  }
  const auto groups = part.find("summaries");
  if (groups == part.end() || !groups->is_object()) throw Error(ErrorCode::Schema, "/summaries", "expected an object");
  const auto x = doubles(*groups, "frequency", "/summaries"), tx = doubles(*groups, "recency", "/summaries"),
             t = doubles(*groups, "age", "/summaries"), m = doubles(*groups, "monetary", "/summaries");
  const auto counts = groups->find("counts");
  if (counts == groups->end() || !counts->is_array()) throw Error(ErrorCode::Schema, "/summaries/counts", "expected an array of counts");
  if (tx.size() != x.size() || t.size() != x.size() || m.size() != x.size() || counts->size() != x.size()) {
    throw Error(ErrorCode::Schema, "/summaries", "the columns differ in length");
  }
  std::uint64_t customers = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const scores::CustomerSummary c{x[i], tx[i], t[i], m[i]};
    scores::validate(c, pointerAppend("/summaries", i));
    const auto& n = (*counts)[i];
    if (!n.is_number_unsigned() || n.get<std::uint64_t>() == 0) throw Error(ErrorCode::Schema, pointerAppend("/summaries/counts", i), "expected a positive whole count");
    s.summaries[{c.frequency, c.recency, c.age, c.monetary}] += n.get<std::uint64_t>();
    customers += n.get<std::uint64_t>();
  }
  const auto rfm = part.find("rfm");
  if (rfm == part.end() || !rfm->is_object()) throw Error(ErrorCode::Schema, "/rfm", "expected an object");
  const auto column = [&](const char* name) {
    if (!rfm->contains(name)) throw Error(ErrorCode::Schema, std::string("/rfm/") + name, "missing");
    return ValueMultiset::fromJson((*rfm)[name], std::string("/rfm/") + name);
  };
  s.recencyDays = column("recencyDays");
  s.transactions = column("transactions");
  s.monetary = column("monetary");
  if (customers != s.customerHashes.size() || s.recencyDays.count() != customers || s.transactions.count() != customers ||
      s.monetary.count() != customers) {
    throw Error(ErrorCode::Range, "/customers", "the summaries, RFM figures and customers differ in number");
  }
  s.amount = ExactSum::fromTerms(doubles(part, "amount", ""));
  s.margin = ExactSum::fromTerms(doubles(part, "margin", ""));
  absorb(std::move(s));  // may refuse a customer already counted; nothing changed then
  gate_ = std::move(gate);
  lines_ += lines;
  unread_ += unread;
}

scores::FitResult FitAggregate::fit(scores::FitOptions options) const {
  if (customerHashes_.empty()) throw Error(ErrorCode::Empty, "", "no usable transaction line in any part");
  scores::FitInputs in;
  in.asOf = parseIsoTime(gate_.header().asOf, "/asOf");
  in.linesUsed = linesUsed_;
  in.rejected = rejected_;
  for (const auto& [key, n] : summaries_) {
    in.summaries.insert(in.summaries.end(), n, {std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key)});
  }
  expand(recencyDays_, in.recencyDays);
  expand(transactions_, in.transactions);
  expand(monetary_, in.monetary);
  in.amountTerms = amount_.canonical();
  in.marginTerms = margin_.canonical();
  options.asOf = in.asOf;
  options.base = base_;
  options.holdoutFrom.reset();
  return scores::fitFromInputs(in, options);
}

}  // namespace selfcrm::aggregates
