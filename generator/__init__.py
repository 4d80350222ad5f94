"""coop-portal: turns rules.yaml into a co-op compliance portal.

Data flows one way: load (loader) -> check (checks) -> render -> MkDocs.
"""

from .checks import check_rules
from .errors import Problem, RulesError
from .loader import load_rules
from .model import Rules

__all__ = ["Problem", "Rules", "RulesError", "check_rules", "load_rules"]
