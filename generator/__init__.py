"""coop-portal: turns rules.yaml into a co-op compliance portal.

Data flows one way: load (loader) -> check (checks) -> render -> MkDocs;
pipeline.check_file does the first two for the command line and the plugin.
"""

from .errors import Problem, RulesError
from .loader import load_rules
from .model import Rules
from .pipeline import check_file, check_rules

__all__ = ["Problem", "Rules", "RulesError", "check_file", "check_rules", "load_rules"]
