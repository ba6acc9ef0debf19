"""Hand-written vocabulary for the synthetic notes, by language (footnote-kit's own, MIT).

Names of real journals, newspapers, publishers, institutions, courts and archives are facts
of the world the notes describe; the titles are made up from the patterns below, so no
real work is cited. AnyStyle-derived words are in ``data/anystyle-seed.json`` (see
``vocab``). ``|`` separates entries; ``/`` separates the parts of one entry.
"""

from __future__ import annotations


def _l(text: str) -> list[str]:
    return [w.strip() for w in text.split("|") if w.strip()]


LANGS = ("en", "de", "fr", "es", "it", "ru")

# -- people ---------------------------------------------------------------------------
# culture -> given names, family names; "van der/Berg" is a particle and a family name
GIVEN = {
    "en": _l("Mary|John|Elizabeth|Robert|Sarah|Michael|Catherine|David|Emily|Thomas|Helen|"
             "Richard|Anne|Christopher|Margaret|James|Rachel|Peter|Alice|Timothy|Laura|"
             "William|Joan|Stephen|Patricia|Daniel|Susan|Andrew|Jennifer|Nicholas"),
    "de": _l("Anna|Hans|Ulrike|Jürgen|Katharina|Wolfgang|Sabine|Matthias|Christiane|Klaus|"
             "Friederike|Dieter|Johanna|Stefan|Barbara|Karl-Heinz|Ute|Jörg|Gudrun|Martin"),
    "fr": _l("Marie|Jean|Claire|Pierre|Sophie|Jean-Pierre|Anne-Marie|François|Hélène|Michel|"
             "Catherine|Olivier|Isabelle|Étienne|Nathalie|Jacques|Camille|Marc|Élise|Luc"),
    "es": _l("María|José|Carmen|Juan|Lucía|Javier|Ana|Francisco|Isabel|Manuel|Pilar|Antonio|"
             "Elena|Luis|Teresa|Miguel Ángel|Rosa|Alberto|Mercedes|Jorge"),
    "it": _l("Giulia|Marco|Francesca|Giovanni|Chiara|Alessandro|Paola|Luca|Silvia|Giuseppe|"
             "Elena|Roberto|Anna Maria|Stefano|Valentina|Paolo"),
    "ru": _l("Александр|Мария|Сергей|Ольга|Дмитрий|Наталья|Андрей|Елена|Михаил|Татьяна|"
             "Владимир|Ирина|Алексей|Анна|Николай|Екатерина"),
    "other": _l("Nodirbek|Aigerim|Mehmet|Ayşe|Wei|Li|Hiroshi|Yuki|Rahul|Priya|Ahmed|Fatima|"
                "Kwame|Amina|Arash|Leila|Tomasz|Agnieszka|Jan|Eva|Raffaello|Bakhtiyor"),
}
FAMILY = {
    "en": _l("Smith|Beard|Johnson|Harrison|Whitfield|Carter|Thompson|Fraser|Hughes|Morgan|"
             "Collins|Bradley|Lawrence|Fitzgerald|O'Brien|McKenzie|Walsh|Kennedy|Ellison|"
             "Turner|Gray|Hobsbawm|Pritchard|Sinclair|Rowe|Ashworth|Gallagher|Holmes"),
    "de": _l("Müller|Schmidt|Schneider|Fischer|Weber|Becker|Hoffmann|Schäfer|Koch|Richter|"
             "Wolf|Schröder|Neumann|Zimmermann|Krüger|Hartmann|Lange|Werner|Brandt|Osterhammel|"
             "von/Weizsäcker|von/Trotha|Meyer-Landrut"),
    "fr": _l("Martin|Bernard|Dubois|Durand|Lefèvre|Moreau|Laurent|Girard|Rousseau|Fontaine|"
             "Chevalier|Mercier|Blanchard|Roussel|de/Gaulle|de la/Fontaine|Le Goff|d'/Alembert|"
             "Brunet|Perrin"),
    "es": _l("García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|"
             "Ruiz Zafón|Jiménez|Moreno|Álvarez|Romero|de la/Cruz|del/Río|Ortega y Gasset|"
             "Navarro|Torres"),
    "it": _l("Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|"
             "Bruno|Gallo|Conti|De Luca|Mancini|Costa|Lombardi|Moretti|Di/Stefano"),
    "ru": _l("Иванов|Смирнова|Кузнецов|Попова|Соколов|Лебедева|Козлов|Новикова|Морозов|"
             "Петрова|Волков|Соловьёва|Васильев|Зайцева|Павлов|Семёнова"),
    "other": _l("Soliev|Pantucci|Nurmagambetova|Yılmaz|Demir|Wang|Zhang|Tanaka|Sato|Sharma|"
                "Gupta|Hassan|al-/Rashid|Mensah|Okafor|Karimi|Kowalski|Nowak|van der/Berg|"
                "van/Dijk|de/Vries|Novák|Rahimov|Tursunov"),
}

# -- titles -----------------------------------------------------------------------------
# Patterns: {a}/{b} a topic (its nominative; lower-cased inside a title), {g} a topic's
# genitive ("de la migration"), {i}/{j} its instrumental (Russian), {p} a place as it
# follows "in", {q} a place's genitive (Russian), {y}/{z} years.
TITLE_PATTERNS = {
    "en": _l("{a} in {p}, {y}–{z}|{a} and {b}: {p} since {y}|The Politics of {b} in {p}|"
             "{a}: A History|Rethinking {a}|{a} and the Making of {p}|Beyond {a}: {b} in {p}|"
             "The Long Shadow of {a}|Between {a} and {b}|{a} after {y}: Lessons from {p}|"
             "Why {a} Failed|The Limits of {b}|{p} and the Question of {a}|"
             "Who Governs {p}? {a} and {b}|Notes on {a}|The Rise and Fall of {a} in {p}"),
    "de": _l("{a} in {p} {y}–{z}|Zwischen {a} und {b}|Die Geschichte {g}|{a} und {b}. "
             "Fallstudien aus {p}|{a} im Wandel, {y}–{z}|Grenzen {g}|Von {a} zu {b}|"
             "{a} als Problem in {p} nach {y}|Macht und {b} in {p}"),
    "fr": _l("{a} en {p} ({y}-{z})|Entre {a} et {b}|Histoire {g}|Les enjeux {g} en {p}|"
             "Penser {a} après {y}|{a} à l'épreuve {g}|Aux origines {g}"),
    "es": _l("{a} en {p}, {y}-{z}|Entre {a} y {b}|Historia {g}|{a} y {b}: el caso de {p}|"
             "Los límites {g}|La construcción {g} en {p}|{a} después de {y}"),
    "it": _l("{a} in {p} ({y}-{z})|Tra {a} e {b}|Storia {g}|Le origini {g}|{a} dopo il {y}"),
    "ru": _l("{a} в {p} ({y}–{z} гг.)|Между {i} и {j}|История {g}|{a} и {b}: опыт {q}|"
             "Проблемы {g} в {p}|{a} после {y} года"),
}
# nominative/genitive(/instrumental) per language
TOPICS = {
    "en": _l("Water Politics|Migration|Empire|Nationalism|Labour|Memory|Sovereignty|Famine|"
             "Border Security|Religious Authority|Energy|the Cold War|Colonial Rule|"
             "Counterterrorism|Land Reform|Trade|Civil Society|Public Health|Reconstruction|"
             "Party Politics|Urban Planning|Propaganda|Diplomacy|the Welfare State"),
    "de": _l("Migration/der Migration|Erinnerung/der Erinnerung|Herrschaft/der Herrschaft|"
             "Arbeit/der Arbeit|Gewalt/der Gewalt|Verwaltung/der Verwaltung|"
             "Grenzregime/der Grenzregime|Öffentlichkeit/der Öffentlichkeit|"
             "Sicherheit/der Sicherheit|Religion/der Religion|Stadtplanung/der Stadtplanung|"
             "Wirtschaftspolitik/der Wirtschaftspolitik"),
    "fr": _l("La migration/de la migration|La mémoire/de la mémoire|L'empire/de l'empire|"
             "Le travail/du travail|La frontière/de la frontière|L'État/de l'État|"
             "La laïcité/de la laïcité|La violence/de la violence|La décolonisation/de la "
             "décolonisation|Le nationalisme/du nationalisme"),
    "es": _l("La migración/de la migración|La memoria/de la memoria|El imperio/del imperio|"
             "El trabajo/del trabajo|La frontera/de la frontera|El Estado/del Estado|"
             "La violencia/de la violencia|La reforma agraria/de la reforma agraria"),
    "it": _l("La migrazione/della migrazione|La memoria/della memoria|L'impero/dell'impero|"
             "Il lavoro/del lavoro|La frontiera/della frontiera|Lo Stato/dello Stato|"
             "La violenza/della violenza"),
    "ru": _l("Власть/власти/властью|Память/памяти/памятью|Империя/империи/империей|"
             "Миграция/миграции/миграцией|Граница/границы/границей|Реформа/реформы/реформой|"
             "Безопасность/безопасности/безопасностью|Религия/религии/религией"),
}
PLACES_TOPIC = {
    "en": _l("Central Asia|the Balkans|the Ottoman Empire|Weimar Germany|Southeast Asia|"
             "the Sahel|Latin America|Eastern Europe|the Caucasus|Kazakhstan|Iran|Algeria|"
             "Mexico|the Soviet Union|Post-War Britain|the Middle East|West Africa|India"),
    "de": _l("Mitteleuropa|der DDR|Preußen|Zentralasien|Osteuropa|dem Kaiserreich|"
             "der Weimarer Republik|Bayern|Polen|dem Habsburgerreich"),
    "fr": _l("Afrique de l'Ouest|Algérie|Indochine|France|Asie centrale|Méditerranée|Europe"),
    "es": _l("América Latina|España|México|Andalucía|Argentina|Chile|Cuba"),
    "it": _l("Italia|Europa|Libia|Etiopia|Sicilia"),
    "ru": _l("Средней Азии/Средней Азии|Сибири/Сибири|России/России|Поволжье/Поволжья"),
}
RU_TITLES = _l("Советская власть и крестьянство в 1920-е годы|Российская империя и ислам|"
               "Очерки истории Средней Азии|Экономическая политика и реформы 1990-х годов|"
               "Национальный вопрос в СССР|Город и деревня в эпоху перемен|"
               "Дипломатия и безопасность на постсоветском пространстве|"
               "Историческая память и политика|Энергетическая политика России")
RU_TRANSLATIONS = ("Soviet Power and the Peasantry in the 1920s|The Russian Empire and Islam|"
                   "Essays on the History of Central Asia|Economic Policy and the Reforms of the "
                   "1990s|The National Question in the USSR|Town and Countryside in an Age of "
                   "Change|Diplomacy and Security in the Post-Soviet Space|Historical Memory "
                   "and Politics|Russia's Energy Policy").split("|")

# -- containers, publishers ------------------------------------------------------------
JOURNALS = {
    "en": _l("Journal of Modern History|Central Asian Survey|Europe-Asia Studies|Foreign Affairs|"
             "Past & Present|American Historical Review|International Security|Slavic Review|"
             "Journal of Contemporary History|International Affairs|Survival|"
             "Comparative Studies in Society and History|The Historical Journal|"
             "Journal of Peace Research|Kritika|Middle East Journal|Third World Quarterly"),
    "de": _l("Vierteljahrshefte für Zeitgeschichte|Geschichte und Gesellschaft|Osteuropa|"
             "Historische Zeitschrift|Zeitschrift für Geschichtswissenschaft|"
             "Archiv für Sozialgeschichte|Zeithistorische Forschungen|Leviathan|"
             "Aus Politik und Zeitgeschichte|Jahrbücher für Geschichte Osteuropas"),
    "fr": _l("Annales. Histoire, Sciences sociales|Revue d'histoire moderne et contemporaine|"
             "Vingtième Siècle. Revue d'histoire|Politique étrangère|Le Mouvement social|"
             "Cahiers du monde russe|Critique internationale|Revue française de science "
             "politique|Hérodote"),
    "es": _l("Historia Contemporánea|Ayer|Revista de Estudios Políticos|Hispania|"
             "Historia y Política|Revista CIDOB d'Afers Internacionals|Foro Internacional"),
    "it": _l("Studi Storici|Rivista storica italiana|Passato e presente|Contemporanea|"
             "Quaderni storici|Il Mulino"),
    "ru": _l("Вопросы истории|Отечественная история|Российская история|Полис|"
             "Мировая экономика и международные отношения|Ab Imperio|Вестник Евразии"),
}
NEWSPAPERS = {
    "en": _l("New York Times|Washington Post|The Guardian|Financial Times|The Economist|"
             "Foreign Policy|The Atlantic|Wall Street Journal|The Times|Los Angeles Times"),
    "de": _l("Frankfurter Allgemeine Zeitung|Süddeutsche Zeitung|Der Spiegel|Die Zeit|"
             "Neue Zürcher Zeitung|taz|Der Standard"),
    "fr": _l("Le Monde|Le Figaro|Libération|Le Monde diplomatique|L'Express|Le Point"),
    "es": _l("El País|El Mundo|La Vanguardia|ABC|Clarín|La Jornada"),
    "it": _l("Corriere della Sera|La Repubblica|La Stampa|Il Sole 24 Ore"),
    "ru": _l("Коммерсантъ|Ведомости|Новая газета|Известия|Российская газета"),
}
WEBSITES = _l("BBC News/bbc.com|Eurasianet/eurasianet.org|The Diplomat/thediplomat.com|"
              "War on the Rocks/warontherocks.com|Lawfare/lawfaremedia.org|"
              "openDemocracy/opendemocracy.net|Deutsche Welle/dw.com|"
              "Le Grand Continent/legrandcontinent.eu|Meduza/meduza.io|"
              "Bundeszentrale für politische Bildung/bpb.de|Carnegie Politika/carnegie.ru|"
              "Al Jazeera/aljazeera.com|RFE/RL/rferl.org|Reuters/reuters.com")
PUBLISHERS = {
    "en": _l("Oxford University Press/Oxford|Cambridge University Press/Cambridge|"
             "Yale University Press/New Haven|Princeton University Press/Princeton|"
             "Routledge/London|Penguin/London|Verso/London|Harvard University Press/Cambridge, MA|"
             "University of Chicago Press/Chicago|Hurst/London|Brookings Institution Press/"
             "Washington, DC|Columbia University Press/New York|Profile Books/London|"
             "Allen Lane/London|W. W. Norton/New York|Basic Books/New York|"
             "Palgrave Macmillan/Basingstoke|I.B. Tauris/London|Cornell University Press/Ithaca"),
    "de": _l("C.H. Beck/München|Suhrkamp/Frankfurt am Main|Wallstein/Göttingen|"
             "Vandenhoeck & Ruprecht/Göttingen|Campus/Frankfurt am Main|Oldenbourg/München|"
             "Böhlau/Köln|De Gruyter/Berlin|transcript/Bielefeld|Hamburger Edition/Hamburg|"
             "Ch. Links/Berlin|Schöningh/Paderborn"),
    "fr": _l("Gallimard/Paris|Seuil/Paris|Fayard/Paris|Presses universitaires de France/Paris|"
             "La Découverte/Paris|CNRS Éditions/Paris|Presses de Sciences Po/Paris|"
             "Armand Colin/Paris|Karthala/Paris|Éditions de l'EHESS/Paris|"
             "Presses universitaires de Rennes/Rennes"),
    "es": _l("Alianza/Madrid|Crítica/Barcelona|Siglo XXI/Madrid|Marcial Pons/Madrid|"
             "Fondo de Cultura Económica/México|Cátedra/Madrid|Taurus/Madrid|"
             "El Colegio de México/México"),
    "it": _l("Einaudi/Torino|Laterza/Roma-Bari|il Mulino/Bologna|Feltrinelli/Milano|"
             "Carocci/Roma|Donzelli/Roma|Viella/Roma"),
    "ru": _l("Наука/Москва|РОССПЭН/Москва|Новое литературное обозрение/Москва|"
             "Издательство Европейского университета/Санкт-Петербург|Алетейя/Санкт-Петербург|"
             "Весь мир/Москва"),
}
SERIES = {
    "en": _l("Cambridge Studies in International Relations|Studies of the Weatherhead East "
             "Asian Institute|Adelphi Papers|Oxford Studies in Modern European History|"
             "Central Asian Studies"),
    "de": _l("Kritische Studien zur Geschichtswissenschaft|Schriftenreihe der "
             "Vierteljahrshefte für Zeitgeschichte|Moderne Zeit|Historische Studien"),
    "fr": _l("Bibliothèque des histoires|Collection Repères|Histoire et société|Folio histoire"),
    "es": _l("Biblioteca de Historia|Colección Estudios|Ensayo"),
    "it": _l("Biblioteca di cultura moderna|Saggi|Studi e ricerche"),
    "ru": _l("Historia Rossica|Библиотека журнала «Неприкосновенный запас»"),
}
# institution / place / (genre, number pattern) ...; # = digit, Y = year
INSTITUTIONS = _l(
    "International Crisis Group/Brussels/Europe and Central Asia Report;###|"
    "World Bank/Washington, DC/Policy Research Working Paper;WPS ####|"
    "International Monetary Fund/Washington, DC/IMF Working Paper;WP/YY/###|"
    "U.S. Government Accountability Office/Washington, DC/Report to Congressional Requesters;GAO-YY-###|"
    "Congressional Research Service/Washington, DC/CRS Report;R#####|"
    "RAND Corporation/Santa Monica, CA/Research Report;RR-####-A|"
    "Carnegie Endowment for International Peace/Washington, DC/Working Paper;|"
    "Chatham House/London/Research Paper;|"
    "United Nations Security Council/New York/Report of the Secretary-General;S/YYYY/###|"
    "Human Rights Watch/New York/Report;|"
    "OECD/Paris/OECD Economic Surveys;|"
    "European Commission/Brussels/Commission Staff Working Document;SWD(YYYY) ### final|"
    "Stiftung Wissenschaft und Politik/Berlin/SWP-Studie;S ##|"
    "Deutsches Institut für Wirtschaftsforschung/Berlin/DIW Wochenbericht;##|"
    "Institut français des relations internationales/Paris/Notes de l'Ifri;|"
    "Real Instituto Elcano/Madrid/Documento de trabajo;##/YYYY|"
    "Istituto per gli Studi di Politica Internazionale/Milano/ISPI Analysis;###|"
    "Центр стратегических разработок/Москва/Доклад;")
UNIVERSITIES = _l("University of Oxford/Oxford|Columbia University/New York|"
                  "University of California, Berkeley/Berkeley|SOAS University of London/London|"
                  "Humboldt-Universität zu Berlin/Berlin|Universität Wien/Wien|"
                  "Université Paris 1 Panthéon-Sorbonne/Paris|EHESS/Paris|"
                  "Universidad Complutense de Madrid/Madrid|Università di Bologna/Bologna|"
                  "Московский государственный университет/Москва")
THESIS_GENRES = {"en": _l("PhD diss.|PhD thesis|MA thesis|DPhil thesis"),
                 "de": _l("Dissertation|Masterarbeit|Habilitationsschrift"),
                 "fr": _l("Thèse de doctorat|Mémoire de master"),
                 "es": _l("Tesis doctoral|Trabajo de fin de máster"),
                 "it": _l("Tesi di dottorato"), "ru": _l("Дис. канд. ист. наук")}

# -- law, archives, events ------------------------------------------------------------
CASE_PARTIES = _l("Brown|Board of Education|Miranda|Arizona|Marbury|Madison|Roe|Wade|Smith|"
                  "Jones|United States|Nixon|Donoghue|Stevenson|Carlill|Carbolic Smoke Ball Co|"
                  "Regina|Secretary of State for the Home Department|Costa|ENEL")
REPORTERS = _l("U.S./Supreme Court of the United States|F.3d/United States Court of Appeals|"
               "S. Ct./Supreme Court of the United States|AC/House of Lords|"
               "WLR/Court of Appeal|QB/High Court|ECR/Court of Justice of the European Union|"
               "BVerfGE/Bundesverfassungsgericht|NJW/Bundesgerichtshof")
STATUTES = _l("Civil Rights Act of 1964/Stat.|Human Rights Act 1998/c.|Patriot Act/Stat.|"
              "Gesetz zur Regelung des Zugangs zu Informationen des Bundes/BGBl. I|"
              "Loi relative à la laïcité/Journal officiel|Ley Orgánica de Igualdad/BOE|"
              "Aufenthaltsgesetz/BGBl. I|Data Protection Act 2018/c.")
ARCHIVES = _l("National Archives/Kew/FO 371/####|National Archives and Records Administration/"
              "College Park, MD/RG 59, Box ###|Bundesarchiv/Berlin/R 43/####|"
              "Archives nationales/Pierrefitte-sur-Seine/F/7/#####|"
              "Archivo Histórico Nacional/Madrid/Diversos, leg. ###|"
              "Государственный архив Российской Федерации/Москва/Ф. ####, оп. 1, д. ###|"
              "Politisches Archiv des Auswärtigen Amts/Berlin/PA AA, B ##/###")
EVENTS = _l("Munich Security Conference/Munich|Annual Meeting of the American Historical "
            "Association/New York|UN General Assembly/New York|Congrès de l'Association "
            "française de science politique/Paris|Deutscher Historikertag/Leipzig|"
            "Valdai Discussion Club/Sochi|Raisina Dialogue/New Delhi")
SPEECH_GENRES = _l("Speech|Lecture|Keynote address|Conference paper|Address")
MS_GENRES = _l("Letter|Memorandum|Telegram|Diary|Minutes")
