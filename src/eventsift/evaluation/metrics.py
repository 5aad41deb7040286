"""Evaluation metrics for every gold set (see shared/gold/README.md, "Scorer"); each figure carries its denominator.

The definitions agree with the reference scorer of the development workspace (tests check it value by value):

- case2021_task2: document label = ACLED sub-event type of the most confident event that has one, else ``none``.
- plover: type of the most confident event, of the event whose actors match the gold pair, and of any event.
- acled / gunviolence / muc4: gold events matched one-to-one to predicted events, then per-field accuracy.
- gunviolence deduplication: B-cubed and pairwise P/R/F1 of article clusters.
- geoparsing: toponym P/R/F1 by span overlap, and resolution accuracy of matched toponyms.
- event_location: the event's place names a gold LOCATION, or lies within 25 km of the tool's own reading of it.
- india_police: document labels implied by the predicted events, per-label P/R/F1.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventsift.evaluation.labels import ScoringLabels, load_scoring_labels
from eventsift.evaluation.records import (
    GoldDocument,
    GoldEvent,
    PredictedActor,
    PredictedEvent,
    PredictedPlace,
    Prediction,
    name_tokens,
    names_match,
    read_gold_document,
    read_predictions,
)

EARTH_RADIUS_KM = 6371.0
EVENT_NEAR_KM = 25.0
EVENT_REGION_KM = 161.0  # 100 miles, the customary "accuracy at 161 km" of geoparsing
TOPONYM_EXACT_KM = 5.0
MISSING = "__missing__"  # label of a document without any prediction line
NONE = "none"  # label of a document whose prediction names no type


@dataclass(frozen=True, slots=True)
class Figure:
    """A metric value and its denominator ``n``; ``value`` is None for counts and undefined rates."""

    value: float | None
    n: int

    def to_json(self) -> dict[str, Any]:
        """The ``{"value", "n"}`` form of the reference scorer's --json output."""
        return {"value": self.value, "n": self.n}


#: metric name -> figure, in report order
DatasetScores = dict[str, Figure]


class Mean:
    """Running mean of 0/1 (or real) observations."""

    __slots__ = ("n", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.n = 0

    def add(self, value: float) -> None:
        """Count one observation."""
        self.total += float(value)
        self.n += 1

    def figure(self) -> Figure:
        """The mean (None when nothing was observed) and the count."""
        return Figure(self.total / self.n if self.n else None, self.n)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return precision, recall, ratio(2 * precision * recall, precision + recall)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Classification:
    """Accuracy, support-weighted F1 and macro F1 over the gold label set."""

    accuracy: float
    weighted_f1: float
    macro_f1: float
    n: int
    labels: int  # distinct gold labels (the macro-F1 denominator)


def classify(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Classification:
    """Score a single-label classification like sklearn ``average="weighted"`` / ``"macro"`` with
    ``labels=sorted(set(gold))``: labels seen only in predictions count as errors but carry no weight."""
    tp: Counter[Hashable] = Counter()
    fp: Counter[Hashable] = Counter()
    fn: Counter[Hashable] = Counter()
    for truth, guess in zip(gold, predicted, strict=True):
        if truth == guess:
            tp[truth] += 1
        else:
            fn[truth] += 1
            fp[guess] += 1
    support = Counter(gold)
    f1 = {label: prf(tp[label], fp[label], fn[label])[2] for label in sorted(support, key=str)}
    n = len(gold)
    return Classification(
        accuracy=ratio(sum(tp.values()), n),
        weighted_f1=ratio(sum(f * support[label] for label, f in f1.items()), n),
        macro_f1=ratio(sum(f1.values()), len(f1)),
        n=n, labels=len(f1),
    )


def actor_found(gold_names: Iterable[str | None], actors: Iterable[PredictedActor], labels: ScoringLabels) -> bool:
    """True when some actor's text or name leniently matches one of the gold names."""
    names = [g for g in gold_names if g]
    for actor in actors:
        for text in (actor.text, actor.name):
            if text and any(names_match(g, text, labels.stopwords) for g in names):
                return True
    return False


# ---------------------------------------------------------------------------------------------------------------
# case2021_task2
# ---------------------------------------------------------------------------------------------------------------
def score_case2021(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], labels: ScoringLabels,
                   out: DatasetScores) -> None:
    """Document classification into 25 ACLED sub-event types + 5 CASE classes (also reported as 25 and 26)."""
    non_acled = labels.case_non_acled
    y30: list[str | None] = []
    p30: list[str | None] = []
    y25: list[str | None] = []
    p25: list[str | None] = []
    y26: list[str | None] = []
    p26: list[str | None] = []
    y_type: list[str | None] = []
    p_type: list[str | None] = []
    for doc in gold:
        if not doc.events:
            continue
        truth = doc.case_label
        guess_sub, guess_type = _case_prediction(preds.get(doc.id), labels)
        y30.append(truth)
        p30.append(guess_sub)
        truth_is_acled = truth not in non_acled
        y26.append(truth if truth_is_acled else NONE)
        p26.append(NONE if guess_sub in non_acled else guess_sub)
        if truth_is_acled:
            y25.append(truth)
            p25.append(guess_sub)
            y_type.append(labels.sub_event_types.get(truth or ""))
            if guess_type not in labels.acled_event_types:
                guess_type = labels.sub_event_types.get(guess_sub or "") or guess_type
            p_type.append(guess_type)
    for tag, y, p in (("30", y30, p30), ("25acled", y25, p25), ("26none", y26, p26)):
        result = classify(y, p)
        out[f"accuracy_{tag}"] = Figure(result.accuracy, result.n)
        out[f"weighted_f1_{tag}"] = Figure(result.weighted_f1, result.n)
        out[f"macro_f1_{tag}"] = Figure(result.macro_f1, result.labels)
    result = classify(y_type, p_type)
    out["event_type_accuracy_25acled"] = Figure(result.accuracy, result.n)


def _case_prediction(pred: Prediction | None, labels: ScoringLabels) -> tuple[str | None, str | None]:
    """(sub-event label, event type) of the most confident event that has a sub-event type."""
    if pred is None:
        return MISSING, MISSING
    typed = [e for e in pred.events_by_confidence() if e.acled_sub]
    if not typed:
        return NONE, NONE
    top = typed[0]
    return top.acled_sub, top.acled_type or labels.sub_event_types.get(top.acled_sub or "")


# ---------------------------------------------------------------------------------------------------------------
# plover
# ---------------------------------------------------------------------------------------------------------------
def score_plover(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], labels: ScoringLabels,
                 out: DatasetScores) -> None:
    """Sentence PLOVER type (top event, actor-matched event, any event) and actor / recipient found."""
    y: list[str | None] = []
    p_top: list[str | None] = []
    matched, any_event, actor1, recipient = Mean(), Mean(), Mean(), Mean()
    by_subset: defaultdict[str, Mean] = defaultdict(Mean)
    for doc in gold:
        if not doc.events or not doc.events[0].plover:
            continue
        truth = doc.events[0]
        pred = preds.get(doc.id)
        events = pred.events_by_confidence() if pred is not None else []

        def label(event: PredictedEvent | None, truth: GoldEvent = truth, pred: Prediction | None = pred) -> str | None:
            ptype = event.plover if event is not None else None
            if ptype is None:
                return NONE if pred is not None else MISSING
            return truth.plover if ptype in truth.plover_alternatives else ptype

        def actor_score(event: PredictedEvent, truth: GoldEvent = truth) -> int:
            return (int(bool(truth.actor1) and actor_found([truth.actor1], event.actors_in("actor"), labels))
                    + int(bool(truth.actor2) and actor_found([truth.actor2], event.actors_in("recipient"), labels)))

        top = events[0] if events else None
        y.append(truth.plover)
        p_top.append(label(top))
        by_subset[doc.subset or "?"].add(label(top) == truth.plover)
        best = max(events, key=actor_score) if events else None
        if best is not None and actor_score(best) == 0:
            best = top
        matched.add(label(best) == truth.plover)
        any_event.add(any(label(e) == truth.plover for e in events))
        if truth.actor1:
            actor1.add(any(actor_found([truth.actor1], e.actors_in("actor"), labels) for e in events))
        if truth.actor2:
            recipient.add(any(actor_found([truth.actor2], e.actors_in("recipient"), labels) for e in events))
    result = classify(y, p_top)
    out["accuracy_top1 (=micro_f1)"] = Figure(result.accuracy, result.n)
    out["weighted_f1_top1"] = Figure(result.weighted_f1, result.n)
    out["macro_f1_top1"] = Figure(result.macro_f1, result.labels)
    out["accuracy_actor_matched"] = matched.figure()
    out["accuracy_any_event"] = any_event.figure()
    out["actor1_found"] = actor1.figure()
    out["recipient_found"] = recipient.figure()
    for subset in sorted(by_subset):
        out[f"accuracy_top1[{subset}]"] = by_subset[subset].figure()


# ---------------------------------------------------------------------------------------------------------------
# event matching: acled, gunviolence, muc4
# ---------------------------------------------------------------------------------------------------------------
def date_gap_days(truth: GoldEvent, event: PredictedEvent) -> int | None:
    """Days between the predicted start and the gold [date, date_end] window (0 inside); None if either is unknown."""
    if truth.start is None or truth.end is None or event.start is None:
        return None
    if event.start < truth.start:
        return (truth.start - event.start).days
    if event.start > truth.end:
        return (event.start - truth.end).days
    return 0


def distance_km(truth: GoldEvent, event: PredictedEvent) -> float | None:
    """Distance between gold and predicted event coordinates; None if either has none."""
    loc = event.location
    if truth.lat is None or truth.lon is None or loc is None or loc.lat is None or loc.lon is None:
        return None
    return haversine_km(truth.lat, truth.lon, loc.lat, loc.lon)


def type_agreement(truth: GoldEvent, event: PredictedEvent) -> int:
    """3 same ACLED sub-event type, 2 same ACLED event type, 1 same PLOVER type, 0 otherwise."""
    if truth.acled_sub is not None and event.acled_sub == truth.acled_sub:
        return 3
    if truth.acled_type is not None and event.acled_type == truth.acled_type:
        return 2
    if truth.plover and event.plover in truth.plover_alternatives:
        return 1
    return 0


def match_events(gold_events: Sequence[GoldEvent], events: Sequence[PredictedEvent]) -> dict[int, PredictedEvent]:
    """Match gold to predicted events one to one, greedily: same type first, then nearest date, nearest place,
    higher confidence, earlier prediction, earlier gold event. Returns gold index -> predicted event."""
    pairs = []
    for i, truth in enumerate(gold_events):
        for j, event in enumerate(events):
            gap, km = date_gap_days(truth, event), distance_km(truth, event)
            rank = (-type_agreement(truth, event), math.inf if gap is None else gap, math.inf if km is None else km,
                    -event.confidence, j, i)
            pairs.append((rank, i, j))
    pairs.sort()
    matches: dict[int, PredictedEvent] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in matches and j not in used:
            matches[i] = events[j]
            used.add(j)
    return matches


_EVENT_ORDER: tuple[str, ...] = (
    "doc_recall (>=1 predicted event)", "event_recall (matched 1:1)", "acled_event_type_acc",
    "acled_sub_event_type_acc", "plover_type_acc", "date_exact", "date_within_1d", "location_within_25km",
    "location_within_161km", "country_match", "killed_exact", "killed_within_1", "injured_exact",
    "claim_status_acc (claimed/accused/reported)", "claim_status_acc[claimed]", "claim_status_acc[accused]",
    "claim_status_acc[reported]", "actor1_found (perpetrator / actor1)", "actor2_found (target / actor2)",
    "spurious_violent_event_rate (docs without gold)", "gold_events_per_doc", "pred_events_per_doc",
)


def score_events(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], labels: ScoringLabels,
                 out: DatasetScores) -> None:
    """Per gold event (optional MUC templates excluded), after one-to-one matching inside each document."""
    means: defaultdict[str, Mean] = defaultdict(Mean)
    errors_km: list[float] = []
    for doc in gold:
        required = [e for e in doc.events if not e.optional]
        pred = preds.get(doc.id)
        events = list(pred.events) if pred is not None else []
        means["pred_events_per_doc"].add(len(events))
        if not doc.events:
            means["spurious_violent_event_rate (docs without gold)"].add(any(_is_violent(e, labels) for e in events))
            continue
        if not required:  # only optional gold events: neither required nor forbidden
            continue
        means["gold_events_per_doc"].add(len(required))
        means["doc_recall (>=1 predicted event)"].add(bool(events))
        matches = match_events(required, events)
        for i, truth in enumerate(required):
            _score_matched_event(truth, matches.get(i), labels, means, errors_km)
    for name in (*_EVENT_ORDER, *sorted(set(means) - set(_EVENT_ORDER))):
        if name in means:
            out[name] = means[name].figure()
    if errors_km:
        out["location_error_km_mean (matched, with coords)"] = Figure(sum(errors_km) / len(errors_km), len(errors_km))


def _is_violent(event: PredictedEvent, labels: ScoringLabels) -> bool:
    return event.plover in labels.violent_plover_types or event.acled_type in labels.violent_acled_event_types


def _score_matched_event(truth: GoldEvent, event: PredictedEvent | None, labels: ScoringLabels,
                         means: defaultdict[str, Mean], errors_km: list[float]) -> None:
    """Add one gold event's observations; ``event`` is its matched prediction or None."""
    means["event_recall (matched 1:1)"].add(event is not None)
    if truth.acled_type is not None:
        means["acled_event_type_acc"].add(event is not None and event.acled_type == truth.acled_type)
    if truth.acled_sub is not None:
        means["acled_sub_event_type_acc"].add(event is not None and event.acled_sub == truth.acled_sub)
    if truth.plover:
        means["plover_type_acc"].add(event is not None and event.plover in truth.plover_alternatives)
    if truth.has_date:
        gap = date_gap_days(truth, event) if event is not None else None
        means["date_exact"].add(gap == 0)
        means["date_within_1d"].add(gap is not None and gap <= 1)
    if truth.has_coordinates:
        km = distance_km(truth, event) if event is not None else None
        means["location_within_25km"].add(km is not None and km <= EVENT_NEAR_KM)
        means["location_within_161km"].add(km is not None and km <= EVENT_REGION_KM)
        if km is not None:
            errors_km.append(km)
    if truth.country:
        country = event.location.country if event is not None and event.location is not None else None
        means["country_match"].add(country == truth.country)
    if truth.killed is not None:
        killed = event.killed if event is not None else None
        means["killed_exact"].add(killed == truth.killed)
        means["killed_within_1"].add(killed is not None and abs(killed - truth.killed) <= 1)
    if truth.injured is not None:
        means["injured_exact"].add(event is not None and event.injured == truth.injured)
    if truth.claim_status:
        right = event is not None and event.claim_status == truth.claim_status
        means["claim_status_acc (claimed/accused/reported)"].add(right)
        means[f"claim_status_acc[{truth.claim_status}]"].add(right)
    if truth.perpetrators:
        means["actor1_found (perpetrator / actor1)"].add(
            event is not None and actor_found(truth.perpetrators, event.actors_in("actor"), labels))
    if truth.targets:
        means["actor2_found (target / actor2)"].add(
            event is not None and actor_found(truth.targets, event.actors_in("recipient"), labels))


# ---------------------------------------------------------------------------------------------------------------
# gunviolence deduplication
# ---------------------------------------------------------------------------------------------------------------
def clusters_from_keys(keys: Mapping[str, set[str]]) -> dict[str, int]:
    """Documents sharing any key form one cluster -> {document: cluster number}; keyless documents are alone."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for doc, doc_keys in keys.items():
        find(("doc", doc))
        for key in doc_keys:
            a, b = find(("doc", doc)), find(("key", key))
            if a != b:
                parent[b] = a
    numbers: dict[tuple[str, str], int] = {}
    return {doc: numbers.setdefault(find(("doc", doc)), len(numbers)) for doc in keys}


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """B-cubed and pairwise precision / recall / F1 of a clustering against gold."""

    bcubed: tuple[float, float, float]
    pairwise: tuple[float, float, float]
    gold_pairs: int
    predicted_pairs: int


def compare_clusterings(gold: Mapping[str, int], predicted: Mapping[str, int]) -> ClusterScores:
    """Compare two clusterings of the same items."""
    items = sorted(gold)
    gold_size: Counter[int] = Counter(gold[i] for i in items)
    pred_size: Counter[int] = Counter(predicted[i] for i in items)
    cell: Counter[tuple[int, int]] = Counter((predicted[i], gold[i]) for i in items)
    n = len(items)
    precision = ratio(sum(cell[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items), n)
    recall = ratio(sum(cell[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items), n)

    def pairs(size: int) -> int:
        return size * (size - 1) // 2

    same = sum(pairs(k) for k in cell.values())
    gold_pairs, pred_pairs = sum(pairs(k) for k in gold_size.values()), sum(pairs(k) for k in pred_size.values())
    pair_p, pair_r = ratio(same, pred_pairs), ratio(same, gold_pairs)
    return ClusterScores(bcubed=(precision, recall, ratio(2 * precision * recall, precision + recall)),
                         pairwise=(pair_p, pair_r, ratio(2 * pair_p * pair_r, pair_p + pair_r)),
                         gold_pairs=gold_pairs, predicted_pairs=pred_pairs)


def score_dedup(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], out: DatasetScores) -> None:
    """Article clusters: gold = articles sharing an incident id; predicted = articles sharing an event cluster."""
    if not any(e.has_cluster for p in preds.values() for e in p.events):
        out["dedup (no event_cluster in predictions)"] = Figure(None, 0)
        return
    gold_keys = {d.id: {e.incident_id for e in d.events if e.incident_id is not None} for d in gold}
    pred_keys: dict[str, set[str]] = {}
    for doc in gold:
        pred = preds.get(doc.id)
        pred_keys[doc.id] = {e.cluster for e in pred.events if e.cluster is not None} if pred is not None else set()
    scores = compare_clusterings(clusters_from_keys(gold_keys), clusters_from_keys(pred_keys))
    for name, (p, r, f) in (("bcubed", scores.bcubed), ("pairwise", scores.pairwise)):
        pairwise = name == "pairwise"
        out[f"dedup_{name}_precision"] = Figure(p, scores.predicted_pairs if pairwise else len(gold))
        out[f"dedup_{name}_recall"] = Figure(r, scores.gold_pairs if pairwise else len(gold))
        out[f"dedup_{name}_f1"] = Figure(f, len(gold))


# ---------------------------------------------------------------------------------------------------------------
# geoparsing
# ---------------------------------------------------------------------------------------------------------------
def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters shared by two spans (<= 0 when disjoint)."""
    return min(a_end, b_end) - max(a_start, b_start)


def match_toponyms(gold: GoldDocument, places: Sequence[PredictedPlace]) -> dict[int, int]:
    """Gold place index -> predicted place index, one to one, largest overlap first (ties: later spans first)."""
    candidates = sorted(
        ((overlap(g.start, g.end, p.start, p.end), i, j)
         for i, g in enumerate(gold.places) for j, p in enumerate(places)
         if overlap(g.start, g.end, p.start, p.end) > 0),
        reverse=True)
    matches: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in candidates:
        if i not in matches and j not in used:
            matches[i] = j
            used.add(j)
    return matches


def score_geoparsing(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], out: DatasetScores) -> None:
    """Toponym recognition P/R/F1 and resolution of matched toponyms, overall and per subset."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    errors: defaultdict[str, list[float]] = defaultdict(list)
    for doc in gold:
        pred = preds.get(doc.id)
        places = pred.places if pred is not None else ()
        matches = match_toponyms(doc, places)
        used = set(matches.values())
        false_pos = sum(1 for j, p in enumerate(places) if j not in used
                        and not any(overlap(p.start, p.end, x.start, x.end) > 0 for x in doc.places_ignore))
        for subset in ("all", doc.subset or "?"):
            c = counts[subset]
            c["tp"] += len(matches)
            c["fn"] += len(doc.places) - len(matches)
            c["fp"] += false_pos
            for i, j in matches.items():
                truth, place = doc.places[i], places[j]
                c["matched"] += 1
                if place.lat is None or place.lon is None or truth.lat is None or truth.lon is None:
                    continue
                km = haversine_km(truth.lat, truth.lon, place.lat, place.lon)
                errors[subset].append(km)
                c["within_exact"] += km <= TOPONYM_EXACT_KM
                c["within_region"] += km <= EVENT_REGION_KM
                if truth.geonameid is not None:
                    c["gid_n"] += 1
                    c["gid_ok"] += place.geonameid == truth.geonameid
    for subset in ["all", *sorted(k for k in counts if k != "all")]:
        c = counts[subset]
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        sfx = "" if subset == "all" else f"[{subset}]"
        out["toponym_precision" + sfx] = Figure(p, c["tp"] + c["fp"])
        out["toponym_recall" + sfx] = Figure(r, c["tp"] + c["fn"])
        out["toponym_f1" + sfx] = Figure(f, c["tp"] + c["fn"])
        out["resolved_exact_5km" + sfx] = Figure(ratio(c["within_exact"], c["matched"]), c["matched"])
        out["resolved_acc_161km" + sfx] = Figure(ratio(c["within_region"], c["matched"]), c["matched"])
        if errors[subset]:
            out["resolved_mean_error_km" + sfx] = Figure(sum(errors[subset]) / len(errors[subset]),
                                                         len(errors[subset]))
        if c["gid_n"]:
            out["geonameid_exact" + sfx] = Figure(ratio(c["gid_ok"], c["gid_n"]), c["gid_n"])


# ---------------------------------------------------------------------------------------------------------------
# event_location
# ---------------------------------------------------------------------------------------------------------------
def event_location_correct(truth: GoldEvent, event: PredictedEvent, places: Sequence[PredictedPlace],
                           labels: ScoringLabels) -> bool:
    """The event's place names a gold LOCATION (token containment either way), or lies within 25 km of the
    coordinates the tool itself gives a place overlapping a gold LOCATION span."""
    loc = event.location
    if loc is None:
        return False
    if loc.name:
        predicted = name_tokens(loc.name, labels.stopwords)
        for name in truth.location_names:
            wanted = name_tokens(name, labels.stopwords)
            if wanted and predicted and (wanted <= predicted or predicted <= wanted):
                return True
    if loc.lat is None or loc.lon is None:
        return False
    for start, end in truth.location_spans:
        for place in places:
            if place.lat is None or place.lon is None or overlap(place.start, place.end, start, end) <= 0:
                continue
            if haversine_km(loc.lat, loc.lon, place.lat, place.lon) <= EVENT_NEAR_KM:
                return True
    return False


def score_event_location(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], labels: ScoringLabels,
                         out: DatasetScores) -> None:
    """Event location of the top event and of any event; sentences without one must not get one."""
    top, any_event, unlocated = Mean(), Mean(), Mean()
    for doc in gold:
        truth = doc.events[0] if doc.events else None
        pred = preds.get(doc.id)
        events = pred.events_by_confidence() if pred is not None else []
        places = pred.places if pred is not None else ()
        if truth is not None and truth.has_location:
            top.add(bool(events) and event_location_correct(truth, events[0], places, labels))
            any_event.add(any(event_location_correct(truth, e, places, labels) for e in events))
        else:
            first = events[0].location if events else None
            unlocated.add(first is None or not first.name)
    out["event_location_top_event"] = top.figure()
    out["event_location_any_event"] = any_event.figure()
    out["no_gold_location_top_event_unlocated"] = unlocated.figure()


# ---------------------------------------------------------------------------------------------------------------
# india_police
# ---------------------------------------------------------------------------------------------------------------
INDIA_POLICE_LABELS: tuple[str, ...] = ("KILL", "ARREST", "FORCE", "ANY_ACTION")


def police_labels(pred: Prediction | None, labels: ScoringLabels) -> set[str]:
    """Document labels implied by predicted events: KILL, ARREST, FORCE, ANY_ACTION (FAIL is not derivable)."""
    found: set[str] = set()
    for event in pred.events if pred is not None else ():
        police = any(labels.is_police(sector=a.sector, texts=(a.text, a.name)) for a in event.actors_in("actor"))
        arrest_mode = event.mode in labels.arrest_modes or event.mode.startswith("arrest")
        if (event.killed or 0) > 0:
            found.add("KILL")
        if (event.plover == "COERCE" and arrest_mode) or event.acled_sub == "Arrests":
            found.add("ARREST")
        if (event.plover == "ASSAULT" and police) or (event.plover == "COERCE" and not arrest_mode):
            found.add("FORCE")
        if police or "ARREST" in found:
            found.add("ANY_ACTION")
    return found


def score_india_police(gold: Sequence[GoldDocument], preds: Mapping[str, Prediction], labels: ScoringLabels,
                       out: DatasetScores) -> None:
    """Per-label P/R/F1 of the derived document labels, their macro F1, and the FAIL support."""
    predicted = {doc.id: police_labels(preds.get(doc.id), labels) for doc in gold}
    f1s = []
    for label in INDIA_POLICE_LABELS:
        tp = sum(1 for d in gold if label in d.labels and label in predicted[d.id])
        fp = sum(1 for d in gold if label not in d.labels and label in predicted[d.id])
        fn = sum(1 for d in gold if label in d.labels and label not in predicted[d.id])
        p, r, f = prf(tp, fp, fn)
        out[f"{label}_precision"] = Figure(p, tp + fp)
        out[f"{label}_recall"] = Figure(r, tp + fn)
        out[f"{label}_f1"] = Figure(f, tp + fn)
        f1s.append(f)
    out["FAIL (not derivable from events; gold support)"] = Figure(None, sum(1 for d in gold if "FAIL" in d.labels))
    out["macro_f1 (KILL/ARREST/FORCE/ANY_ACTION)"] = Figure(sum(f1s) / len(f1s), len(gold))


# ---------------------------------------------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------------------------------------------
def score_records(gold_lines: Iterable[Mapping[str, Any]], predictions: Iterable[object], *,
                  labels: ScoringLabels | None = None) -> dict[str, DatasetScores]:
    """Score prediction records against gold lines, per dataset (in order of first appearance).

    Args:
        gold_lines: parsed gold JSONL objects (each names its ``dataset``).
        predictions: output records, matched to gold by ``id``; a gold document without one counts as predicting
            nothing. Records of ids not in gold are counted under ``_global``.
        labels: the scorer vocabulary (default: the shipped one).
    """
    labels = labels or load_scoring_labels()
    preds = read_predictions(list(predictions), labels)
    by_dataset: dict[str, list[GoldDocument]] = {}
    for line in gold_lines:
        doc = read_gold_document(line, labels)
        by_dataset.setdefault(doc.dataset, []).append(doc)
    results: dict[str, DatasetScores] = {}
    gold_ids: set[str] = set()
    for dataset, gold in by_dataset.items():
        gold_ids.update(d.id for d in gold)
        out: DatasetScores = {
            "documents": Figure(None, len(gold)),
            "documents_without_prediction": Figure(ratio(sum(d.id not in preds for d in gold), len(gold)), len(gold)),
        }
        if dataset == "case2021_task2":
            score_case2021(gold, preds, labels, out)
        elif dataset == "plover":
            score_plover(gold, preds, labels, out)
        elif dataset == "geoparsing":
            score_geoparsing(gold, preds, out)
        elif dataset == "event_location":
            score_event_location(gold, preds, labels, out)
        elif dataset == "india_police":
            score_india_police(gold, preds, labels, out)
        else:  # acled, gunviolence, muc4 and any other event-level set
            score_events(gold, preds, labels, out)
            if dataset == "gunviolence":
                score_dedup(gold, preds, out)
        results[dataset] = out
    extra = len(set(preds) - gold_ids)
    if extra:
        results["_global"] = {"prediction_ids_not_in_gold": Figure(None, extra)}
    return results


def scores_to_json(results: Mapping[str, DatasetScores]) -> dict[str, dict[str, dict[str, Any]]]:
    """``{dataset: {metric: {"value", "n"}}}``, the reference scorer's --json layout."""
    return {ds: {name: fig.to_json() for name, fig in figures.items()} for ds, figures in results.items()}


def format_value(value: float | None) -> str:
    """A figure for the table: 4 decimals below 10, else 1, and ``-`` for None."""
    if value is None:
        return "-"
    return f"{value:.4f}" if abs(value) < 10 else f"{value:.1f}"


def render_table(results: Mapping[str, DatasetScores]) -> str:
    """A plain-text table per dataset: metric, value, n."""
    lines: list[str] = []
    for dataset, figures in results.items():
        lines.append(f"== {dataset}")
        width = max([len("metric"), *(len(k) for k in figures)])
        lines.append(f"  {'metric':<{width}}  {'value':>10}  {'n':>6}")
        for name, fig in figures.items():
            lines.append(f"  {name:<{width}}  {format_value(fig.value):>10}  {fig.n:>6}")
    return "\n".join(lines)
