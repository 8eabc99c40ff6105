"""Rule types and the loading of YAML rule packs."""
from .base import Rule, Hit
from .registry import RULE_TYPES
from .loader import RuleSet, load_rules, default_pack_path

__all__ = ["Rule", "Hit", "RULE_TYPES", "RuleSet", "load_rules", "default_pack_path"]
