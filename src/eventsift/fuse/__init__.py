"""Cross-report fusion: reports of one real-world incident become one fused event that keeps every claim."""

from eventsift.fuse.claims import make_claim, reconcile_claims
from eventsift.fuse.cluster import Clusterer, MemoryIndex, assign_clusters, choose_cluster, new_fused_id
from eventsift.fuse.report import Report, event_role, fusion_text, main_event_id, report_from_event, reports_from_record
from eventsift.fuse.score import pair_score
from eventsift.fuse.settings import FusionSettings, load_fusion_settings
from eventsift.fuse.text import TermWeights, load_term_weights

__all__ = [
    "Clusterer",
    "FusionSettings",
    "MemoryIndex",
    "Report",
    "TermWeights",
    "assign_clusters",
    "choose_cluster",
    "event_role",
    "fusion_text",
    "load_fusion_settings",
    "load_term_weights",
    "main_event_id",
    "make_claim",
    "new_fused_id",
    "pair_score",
    "reconcile_claims",
    "report_from_event",
    "reports_from_record",
]
