"""S — structure rules: the table's shape and the indicator tree."""
from targetlint import hookimpl
from targetlint.rules.structure.s101_missing_header_field import MissingHeaderField
from targetlint.rules.structure.s102_unknown_first_level import UnknownFirstLevel
from targetlint.rules.structure.s103_misplaced_second_level import MisplacedSecondLevel
from targetlint.rules.structure.s104_missing_second_level import MissingSecondLevel
from targetlint.rules.structure.s105_duplicate_indicator import DuplicateIndicator
from targetlint.rules.structure.s106_empty_value import EmptyValue
from targetlint.rules.structure.s107_unplaced_row import UnplacedRow
from targetlint.rules.structure.s108_markup_residue import MarkupResidue
from targetlint.rules.structure.s109_weights_sum import WeightsSum
from targetlint.rules.structure.s110_mixed_framework import MixedFramework
from targetlint.rules.structure.s111_no_table_read import NoTableRead
from targetlint.rules.structure.s112_conflicting_project_cell import ConflictingProjectCell
from targetlint.rules.structure.s113_unlabelled_cell import UnlabelledCell

RULES = [MissingHeaderField, UnknownFirstLevel, MisplacedSecondLevel, MissingSecondLevel, DuplicateIndicator,
         EmptyValue, UnplacedRow, MarkupResidue, WeightsSum, MixedFramework, NoTableRead, ConflictingProjectCell,
         UnlabelledCell]


@hookimpl
def targetlint_rules():
    return RULES
