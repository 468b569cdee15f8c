"""T — text rules."""
from targetlint import hookimpl
from targetlint.rules.text.t601_vocabulary_typo import VocabularyTypo
from targetlint.rules.text.t602_document_title_genre import DocumentTitleGenre
from targetlint.rules.text.t603_punctuation import Punctuation
from targetlint.rules.text.t604_template_debris import TemplateDebris

RULES = [VocabularyTypo, DocumentTitleGenre, Punctuation, TemplateDebris]


@hookimpl
def targetlint_rules():
    return RULES
