"""The writer's own words around citations, by language (footnote-kit's own, MIT).

A lead-in is ``words before/signal``: only the signal (``see``, ``vgl.``) is labelled
``prefix``; the words before it are prose. Commentary after a source is labelled
``suffix``. Sentences are prose: they cite nothing and carry no label, as in real notes.
Slots: {F} a family name, {Y} a year, {N} a small number, {P} a place.
"""

from __future__ import annotations

from synthnotes.words import _l

# signals that can open a note (capitalised there) or follow a connector
SIGNALS = {
    "en": _l("see|see also|cf.|compare|see, e.g.,|see generally|but see|see especially|"
             "for example, see|quoted in|cited in|as discussed in|accord|contra"),
    "de": _l("vgl.|vgl. auch|siehe|siehe auch|s.|s. a.|dazu|so auch|anders|zitiert nach|"
             "vgl. etwa|ausführlich|grundlegend"),
    "fr": _l("voir|voir aussi|cf.|voir notamment|voir par exemple|cité dans|cité par|"
             "v.|sur ce point, voir"),
    "es": _l("véase|véase también|cf.|vid.|cfr.|citado en|véase, por ejemplo,|al respecto, véase"),
    "it": _l("cfr.|si veda|si veda anche|v.|vedi|citato in|sul punto, cfr."),
    "ru": _l("см.|см. также|ср.|цит. по:|подробнее см.|см., например,"),
}
# prose that may stand before a signal (a space, then the signal, follows)
LEADS = {
    "en": _l("On this,|For a different view,|For the background,|On the debate,|"
             "For a critique,|For details,|For a recent overview,|On {F}'s role,|"
             "For the figures for {Y},|This paragraph draws on the account in {F};|"
             "For the wider context,"),
    "de": _l("Dazu|Zur Debatte|Hierzu|Zum Forschungsstand|Zur Kritik|"
             "Für die Zahlen von {Y}|Zu {F}"),
    "fr": _l("Sur ce débat,|Pour une autre lecture,|Pour le contexte,|Pour une synthèse récente,|"
             "Sur le rôle de {F},"),
    "es": _l("Sobre este debate,|Para una visión distinta,|Para el contexto,|"
             "Para una síntesis reciente,"),
    "it": _l("Su questo dibattito,|Per un quadro d'insieme,|Per una diversa lettura,"),
    "ru": _l("Об этом|Подробнее об этом|О дискуссии"),
}
# words that join a further source in a cluster, unlabelled (signals may follow them)
JOINERS = {"en": _l("and|also|as well as"), "de": _l("sowie|und|ferner"),
           "fr": _l("et|ainsi que"), "es": _l("y|así como"), "it": _l("e|nonché"),
           "ru": _l("а также|и")}
COMMENTS = {
    "en": _l("arguing that the reforms failed|who stresses the role of local elites|"
             "with further references|a more cautious estimate|on which the following relies|"
             "for the text of the agreement|who dates the change to {Y}|"
             "the most detailed account|a view disputed by {F}|emphasis added|"
             "translation modified|with a useful map|on the events of {Y}"),
    "de": _l("mit weiteren Nachweisen|der die Rolle der Eliten betont|mit abweichenden Zahlen|"
             "Hervorhebung im Original|grundlegend|kritisch dazu {F}|mit Karte"),
    "fr": _l("qui souligne le rôle des élites locales|avec d'autres références|"
             "nous soulignons|traduction modifiée|pour une estimation plus prudente"),
    "es": _l("quien subraya el papel de las élites|con más referencias|el énfasis es nuestro|"
             "traducción modificada"),
    "it": _l("con ulteriori riferimenti|corsivo nostro|che sottolinea il ruolo delle élite"),
    "ru": _l("с дальнейшими ссылками|курсив наш|где приведены иные цифры"),
}
SENTENCES = {
    "en": _l("The figures are disputed.|All translations are my own unless otherwise stated.|"
             "I am grateful to {F} for this reference.|The report was later withdrawn.|"
             "Emphasis in the original.|The term is used here in its broad sense.|"
             "{F} dates the episode to {Y}.|See the discussion in chapter {N} above.|"
             "The official count was revised in {Y}.|Both versions of the text survive.|"
             "This is the figure most often quoted, though its source is unclear.|"
             "Dates are given in the Gregorian calendar throughout.|"
             "The same argument was made in {P} in {Y}.|The original spelling has been kept.|"
             "Not all of these sources agree on the sequence of events.|"
             "Interviews were conducted on condition of anonymity.|"
             "The numbers for {Y} include refugees registered in {P}."),
    "de": _l("Die Zahlen sind umstritten.|Hervorhebung im Original.|Übersetzung des Verfassers.|"
             "So auch {F}.|Anders datiert {F} den Vorgang auf {Y}.|Siehe oben, Kap. {N}.|"
             "Die Quelle ist nur abschriftlich überliefert.|Der Begriff wird hier im weiteren "
             "Sinne verwendet.|Für den Hinweis danke ich {F}.|Die Schreibweise folgt dem "
             "Original.|Die Angaben für {Y} schließen {P} nicht ein."),
    "fr": _l("Les chiffres sont contestés.|Nous soulignons.|Traduction de l'auteur.|"
             "{F} situe l'épisode en {Y}.|Voir supra, chapitre {N}.|Je remercie {F} pour "
             "cette référence.|Le terme est pris ici dans son sens large.|"
             "L'orthographe originale a été conservée."),
    "es": _l("Las cifras son discutidas.|La traducción es nuestra.|{F} sitúa el episodio en {Y}.|"
             "Véase supra, capítulo {N}.|Agradezco a {F} esta referencia.|"
             "El término se usa aquí en sentido amplio."),
    "it": _l("Le cifre sono controverse.|Traduzione mia.|{F} colloca l'episodio nel {Y}.|"
             "Si veda sopra, cap. {N}.|Ringrazio {F} per la segnalazione."),
    "ru": _l("Эти данные спорны.|Перевод мой.|{F} относит этот эпизод к {Y} г.|"
             "См. выше, гл. {N}.|Благодарю {F} за эту ссылку."),
}
