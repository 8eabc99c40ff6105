"""The one place that maps a YAML ``extends:`` name to its rule type."""
from __future__ import annotations

from .classifier import ClassifierRule
from .existence import ExistenceRule
from .metric import MetricRule
from .pattern import PatternRule
from .structure import StructureRule
from .substitution import SubstitutionRule

RULE_TYPES = {cls.extends: cls for cls in
              (SubstitutionRule, ExistenceRule, PatternRule, MetricRule, StructureRule,
               ClassifierRule)}
