#include "selfcrm/conversations/support_queue.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace selfcrm::conversations {

namespace {

struct Point {
  double points;
  std::string cause;
};

constexpr double kDegreePoints[] = {0, 30, 15, 40, 5, 5};
constexpr const char* kDegreeWords[] = {
    "said without asking for a reply (monologue)",
    "venting: a complaint that wants acknowledgment",
    "waiting for a reply in a one-sided conversation (skewed)",
    "social pressure: asked or complained publicly or again, and no answer yet",
    "in a public conversation others may join (objective)",
    "in a community thread (community)",
};

std::string number(double x, const char* format = "%.0f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

}  // namespace

SupportEntry supportEntry(const CustomerClaims& c, const ConversationParams& p) {
  std::vector<Point> points;
  if (c.degree) {
    const int d = static_cast<int>(*c.degree) - 1;
    if (kDegreePoints[d] > 0) points.push_back({kDegreePoints[d], kDegreeWords[d]});
  }
  if (c.churnThreat.value_or(false)) points.push_back({30, "said they may leave (churn cue)"});
  if (c.complaint.value_or(false)) points.push_back({20, "open complaint"});
  if (c.sentiment && *c.sentiment < -0.05) {
    points.push_back({std::round(-20 * *c.sentiment), "negative tone (" + number(*c.sentiment, "%.2f") + ")"});
  }
  SupportEntry e;
  for (const Point& pt : points) e.points += pt.points;
  if (e.points == 0) return e;  // nothing to answer: value alone never queues anyone
  const double feedback = e.points;
  if (c.clv) {
    const double value = c.clv->value;
    const double bonus = value >= 1000 ? 6 : value >= 200 ? 3 : 0;
    if (bonus > 0) points.push_back({bonus, std::string(bonus == 6 ? "high" : "medium") + " lifetime value"});
    e.points += bonus;
  }
  std::stable_sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.points > b.points; });
  for (std::size_t i = 0; i < points.size(); ++i) {
    e.why += (i ? "; " : "") + points[i].cause + " (+" + number(points[i].points) + ")";
  }
  e.priority = feedback >= 40 ? "urgent" : feedback >= 20 ? "high" : "normal";
  e.channel = valueConversation(c, p, false).channel;
  return e;
}

SupportQueue::SupportQueue(std::size_t limit, ConversationParams params, ClaimBands bands)
    : params_(params),
      rows_(
          [this](const CustomerClaims& c, RankedEntry& entry, bool withBody) {
            SupportEntry s = supportEntry(c, params_);
            if (s.points == 0) return false;
            entry.score = s.points;
            if (withBody) entry.body = {{"subject", c.subject}, {"priority", s.priority}, {"points", s.points}, {"why", s.why}, {"channel", s.channel}};
            return true;
          },
          limit, bands) {}

std::vector<LineReject> SupportQueue::addNdjson(std::string_view text, std::size_t firstLine) {
  return rows_.addNdjson(text, firstLine);
}

std::string SupportQueue::ndjson() const { return rows_.ndjson("position"); }

nlohmann::json SupportQueue::summary() const {
  return {{"customers", rows_.rows()}, {"queued", rows_.entries()}, {"kept", rows_.kept()}};
}

}  // namespace selfcrm::conversations
