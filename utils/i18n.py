# UI string catalogue for both languages, and names and dates from Babel.
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

# Every string the interface and the command-line reports show, in both languages.
CATALOGUE: dict[str, dict[str, str]] = {
    # Frame and navigation
    "app.language": {"ru": "Язык", "en": "Language"},
    "language.ru": {"ru": "Русский", "en": "Русский"},
    "language.en": {"ru": "English", "en": "English"},
    "page.overview": {"ru": "Обзор", "en": "Overview"},
    "page.map": {"ru": "Карта", "en": "Map"},
    "page.timeline": {"ru": "Хронология", "en": "Timeline"},
    "page.breakdowns": {"ru": "Статистика", "en": "Breakdowns"},
    "page.table": {"ru": "Таблица документов", "en": "Documents table"},
    "page.anniversaries": {"ru": "Юбилеи", "en": "Anniversaries"},
    "page.strategy": {"ru": "Стратегия", "en": "Strategy"},
    "page.data": {"ru": "Данные", "en": "Data"},
    # Presentation mode and the print view (?mode=present, ?mode=print)
    "mode.header": {"ru": "Для встреч", "en": "For meetings"},
    "mode.present": {"ru": "Режим презентации", "en": "Presentation mode"},
    "mode.present_help": {
        "ru": "Карта на весь экран, крупные подписи, без боковой панели. Фильтры сохраняются.",
        "en": "The map full screen, large labels, no sidebar. The filters are kept.",
    },
    "mode.print": {"ru": "Версия для печати", "en": "Print view"},
    "mode.print_help": {
        "ru": "Сводка, карта и диаграммы на листах A4 (альбомная ориентация).",
        "en": "Summary, map and charts laid out on A4 landscape pages.",
    },
    "mode.exit": {"ru": "Выйти из презентации", "en": "Leave the presentation"},
    "mode.exit_print": {"ru": "Вернуться к панели", "en": "Back to the dashboard"},
    "present.previous": {"ru": "← Назад", "en": "← Previous"},
    "present.next": {"ru": "Вперёд →", "en": "Next →"},
    "present.network": {"ru": "Вся сеть", "en": "Whole network"},
    "present.summary": {
        "ru": "Партнёров: {partners} · стран: {countries} · документов: {documents} · {years}",
        "en": "Partners: {partners} · countries: {countries} · documents: {documents} · {years}",
    },
    "present.step": {"ru": "{position} из {count}: {name}", "en": "{position} of {count}: {name}"},
    "present.keys": {
        "ru": "Клавиши: ← и → — партнёры по порядку, Home — вся сеть, Esc — выход.",
        "en": "Keys: ← and → step through the partners, Home shows the whole network, Esc leaves.",
    },
    "print.hint": {
        "ru": "Чтобы напечатать или сохранить в PDF, нажмите Ctrl+P: листы A4, альбомная "
        "ориентация.",
        "en": "To print or save as PDF, press Ctrl+P: A4 pages, landscape.",
    },
    "print.filters": {
        "ru": "Показано: {shown} из {total} документов.",
        "en": "Shown: {shown} of {total} documents.",
    },
    # Shared filters in the sidebar
    "filters.header": {"ru": "Фильтры", "en": "Filters"},
    "filters.years": {"ru": "Годы подписания", "en": "Years signed"},
    "filters.countries": {"ru": "Страны", "en": "Countries"},
    "filters.homes": {"ru": "Муниципалитеты", "en": "Home municipalities"},
    "filters.document_types": {"ru": "Виды документов", "en": "Document types"},
    "filters.all": {"ru": "Все", "en": "All"},
    "filters.search": {"ru": "Поиск партнёра", "en": "Find a partner"},
    "filters.search_help": {
        "ru": "Ищет в названиях на русском, английском и языке партнёра; "
        "регистр и диакритика не важны (mragowo найдёт Mrągowo)",
        "en": "Searches the Russian, English and local names; case and accents "
        "do not matter (mragowo finds Mrągowo)",
    },
    "filters.reset": {"ru": "Сбросить фильтры", "en": "Reset filters"},
    "filters.shown": {
        "ru": "Показано документов: {shown} из {total}",
        "en": "Documents shown: {shown} of {total}",
    },
    "filters.nothing": {
        "ru": "Ни один документ не подходит под фильтры. Измените их или сбросьте.",
        "en": "No document matches the filters. Change them or reset them.",
    },
    "filters.link": {
        "ru": "Адрес страницы сохраняет фильтры и язык: им можно поделиться.",
        "en": "The page's address keeps the filters and the language: share it.",
    },
    "data.problems_short": {
        "ru": "В файлах данных есть ошибки ({count}); строки с ошибками не показаны. "
        "Подробности — на странице «Обзор».",
        "en": "The data files have problems ({count}); rows with problems are not shown. "
        "See the Overview page.",
    },
    "assets.not_published": {
        "ru": "Не удалось записать файлы карты в {folder} ({detail}), поэтому карта может "
        "не появиться. Выполните `python -m utils.assets` от имени пользователя, которому "
        "можно писать в эту папку.",
        "en": "The map's files could not be written to {folder} ({detail}), so the map may "
        "not appear. Run `python -m utils.assets` as a user who may write to that folder.",
    },
    # Overview
    "overview.intro": {
        "ru": "Города и округа — партнёры в других странах и документы о сотрудничестве, "
        "подписанные с ними. Фильтры слева действуют на всех страницах.",
        "en": "Partner towns and districts abroad and the cooperation documents signed "
        "with them. The filters on the left apply on every page.",
    },
    "summary.partners": {"ru": "Партнёров", "en": "Partners"},
    "summary.partners_help": {
        "ru": "Каждый партнёр считается один раз, сколько бы документов с ним ни было",
        "en": "Each partner counts once, however many documents were signed with it",
    },
    "summary.countries": {"ru": "Стран", "en": "Countries"},
    "summary.homes": {"ru": "Муниципалитетов", "en": "Home municipalities"},
    "summary.documents": {"ru": "Документов", "en": "Documents"},
    "summary.documents_help": {
        "ru": "Все подписанные документы: соглашения, договоры, протоколы, декларации",
        "en": "Every signed document: agreements, treaties, protocols, declarations",
    },
    "summary.first": {"ru": "Первый документ", "en": "First document"},
    "summary.latest": {"ru": "Последний документ", "en": "Latest document"},
    "summary.years": {"ru": "Лет сотрудничества", "en": "Years of cooperation"},
    "summary.years_help": {
        "ru": "С года первого документа по {year} год",
        "en": "From the year of the first document to {year}",
    },
    "summary.document_line": {
        "ru": "{label}: {document} — {partner}, {date}",
        "en": "{label}: {document} — {partner}, {date}",
    },
    "overview.pages": {"ru": "Разделы", "en": "Sections"},
    "overview.map": {
        "ru": "партнёры на карте Балтики, с документами и расстоянием",
        "en": "the partners on a map of the Baltic, with documents and distances",
    },
    "overview.timeline": {
        "ru": "когда подписан каждый документ и как росла сеть партнёров",
        "en": "when each document was signed and how the network grew",
    },
    "overview.breakdowns": {
        "ru": "по странам, видам документов и десятилетиям",
        "en": "by country, document type and decade",
    },
    "overview.table": {
        "ru": "все документы списком, с выгрузкой в CSV и Excel",
        "en": "every document as a list, to download as CSV or Excel",
    },
    "overview.anniversaries": {
        "ru": "ближайшие круглые даты документов, по годам",
        "en": "the documents' coming round anniversaries, by year",
    },
    "overview.data": {
        "ru": "проверка нового файла реестра и, для редакторов, его замена",
        "en": "checking a new registry file and, for editors, putting it in place",
    },
    "overview.strategy": {
        "ru": "направления стратегии и документы, которые им служат",
        "en": "the strategy's directions and the documents that serve them",
    },
    # Map
    "map.legend": {"ru": "Последний документ", "en": "Latest document"},
    "map.legend_title": {"ru": "Легенда", "en": "Legend"},
    "map.accessible_name": {
        "ru": "Карта партнёров: клавишей Tab можно перейти к каждому партнёру",
        "en": "Map of partners: the Tab key reaches each partner",
    },
    "map.partners": {"ru": "Партнёры", "en": "Partners"},
    "map.homes": {"ru": "Муниципалитеты региона", "en": "Home municipalities"},
    "map.links": {"ru": "связей", "en": "links"},
    "map.growth_year": {"ru": "Сеть на конец года", "en": "The network at the end of"},
    "map.growth_help": {
        "ru": "Передвиньте, чтобы увидеть, как росла сеть: партнёры появляются в год первого "
        "документа.",
        "en": "Move it to see how the network grew: partners appear in the year of their "
        "first document.",
    },
    "map.play": {"ru": "▶ Показать рост", "en": "▶ Play the growth"},
    "map.pause": {"ru": "❚❚ Пауза", "en": "❚❚ Pause"},
    "map.growth_caption": {
        "ru": "На конец {year} года: {partners}, {documents}.",
        "en": "At the end of {year}: {partners}, {documents}.",
    },
    "map.download_html": {
        "ru": "Скачать карту (HTML, без интернета)",
        "en": "Download the map (HTML, works offline)",
    },
    "map.download_help": {
        "ru": "Один файл со всем нужным: открывается с флешки в любом браузере без сети.",
        "en": "One file with everything in it: opens from a USB stick in any browser, "
        "no network needed.",
    },
    "map.tiles": {
        "ru": "Карта OpenStreetMap (нужен интернет)",
        "en": "OpenStreetMap (needs the internet)",
    },
    "map.partner": {"ru": "Партнёр", "en": "Partner"},
    "map.choose": {"ru": "Выберите партнёра", "en": "Choose a partner"},
    "map.pick": {
        "ru": "Нажмите на партнёра на карте или выберите его здесь",
        "en": "Click a partner on the map or choose it here",
    },
    "map.not_on_map": {
        "ru": "Нет координат, на карте не показаны: {names}",
        "en": "No coordinates, not shown on the map: {names}",
    },
    "map.no_home": {
        "ru": "Нет координат «{home}» в coords.csv: дуги не показаны.",
        "en": "coords.csv has no coordinates for “{home}”: arcs are not shown.",
    },
    "card.name_ru": {"ru": "По-русски", "en": "In Russian"},
    "card.name_local": {"ru": "На языке партнёра", "en": "Local name"},
    "card.name_en": {"ru": "По-английски", "en": "In English"},
    "card.documents": {"ru": "Документы", "en": "Documents"},
    "card.distance": {"ru": "Расстояние от дома", "en": "Distance from home"},
    "card.km": {"ru": "{km} км", "en": "{km} km"},
    # Timeline
    "timeline.documents": {"ru": "Документы по датам подписания", "en": "Documents by date"},
    "timeline.note": {
        "ru": "Если известен только месяц или год, документ показан полосой на весь "
        "месяц или год и полым значком.",
        "en": "Where only the month or the year is known, the document is drawn as a "
        "bar over the whole month or year, with a hollow marker.",
    },
    "timeline.per_year": {
        "ru": "Документы по годам подписания (партнёров слишком много для строки на каждого)",
        "en": "Documents by year signed (too many partners for a row each)",
    },
    "timeline.date": {"ru": "Дата подписания", "en": "Date signed"},
    "timeline.growth": {
        "ru": "Число партнёров нарастающим итогом",
        "en": "Partners so far",
    },
    "timeline.partners": {"ru": "Партнёров", "en": "Partners"},
    "timeline.joined": {
        "ru": "{partner}: первый документ, {date}",
        "en": "{partner}: first document, {date}",
    },
    "precision.day": {"ru": "точная дата", "en": "exact date"},
    "precision.month": {"ru": "известен только месяц", "en": "only the month is known"},
    "precision.year": {"ru": "известен только год", "en": "only the year is known"},
    # Breakdowns
    "breakdowns.country": {"ru": "По странам", "en": "By country"},
    "breakdowns.document_type": {"ru": "По видам документов", "en": "By document type"},
    "breakdowns.decade": {"ru": "По десятилетиям подписания", "en": "By decade signed"},
    "breakdowns.count": {"ru": "Количество", "en": "Count"},
    "breakdowns.note": {
        "ru": "Партнёр, у которого есть документы разных видов или десятилетий, "
        "учитывается в каждой из этих групп.",
        "en": "A partner with documents of several types or decades counts in each "
        "of those groups.",
    },
    "measure.partners": {"ru": "Партнёры", "en": "Partners"},
    "measure.documents": {"ru": "Документы", "en": "Documents"},
    "decade": {"ru": "{decade}-е", "en": "{decade}s"},
    # Table
    "table.download_csv": {"ru": "Скачать CSV", "en": "Download CSV"},
    "table.download_xlsx": {"ru": "Скачать Excel (XLSX)", "en": "Download Excel (XLSX)"},
    "table.file_name": {"ru": "документы_партнёров", "en": "partner_documents"},
    "table.sheet": {"ru": "Документы", "en": "Documents"},
    "table.signed_help": {
        "ru": "С той точностью, с какой дата известна: день, месяц или только год",
        "en": "As precisely as the date is known: the day, the month or only the year",
    },
    "table.distance_help": {
        "ru": "По прямой (по геодезической линии) от дома до партнёра",
        "en": "As the crow flies (along the geodesic) from home to the partner",
    },
    "registry.caption": {
        "ru": "Документов: {documents} · партнёров: {partners} · стран: {countries}",
        "en": "Documents: {documents} · partners: {partners} · countries: {countries}",
    },
    "registry.problems": {
        "ru": "В файле {file} есть ошибки; строки с ошибками не показаны:",
        "en": "The file {file} has problems; rows with problems are not shown:",
    },
    "registry.no_rows": {
        "ru": "В реестре нет ни одного документа, который можно показать.",
        "en": "The registry holds no document that can be shown.",
    },
    "data.error": {
        "ru": "Не удалось прочитать данные: {detail}",
        "en": "The data could not be read: {detail}",
    },
    # Column headers of the registry table
    "column.partner": {"ru": "Партнёр", "en": "Partner"},
    "column.partner_local": {"ru": "Название на языке партнёра", "en": "Local name"},
    "column.level": {"ru": "Уровень", "en": "Level"},
    "column.region": {"ru": "Регион", "en": "Region"},
    "column.country": {"ru": "Страна", "en": "Country"},
    "column.document": {"ru": "Документ", "en": "Document"},
    "column.signed": {"ru": "Дата подписания", "en": "Signed"},
    "column.row": {"ru": "Строка", "en": "Row"},
    "column.column": {"ru": "Столбец", "en": "Column"},
    "column.problem": {"ru": "Что не так", "en": "What is wrong"},
    "column.distance_km": {"ru": "Расстояние, км", "en": "Distance, km"},
    # Vocabularies
    "level.city": {"ru": "город", "en": "town"},
    "level.municipality": {"ru": "муниципалитет", "en": "municipality"},
    "level.district": {"ru": "округ, район", "en": "district"},
    "document_type.cooperation_agreement": {
        "ru": "Соглашение о сотрудничестве",
        "en": "Cooperation agreement",
    },
    "document_type.cooperation_treaty": {
        "ru": "Договор о сотрудничестве",
        "en": "Cooperation treaty",
    },
    "document_type.protocol_of_intent": {"ru": "Протокол намерений", "en": "Protocol of intent"},
    "document_type.partnership_agreement": {
        "ru": "Соглашение о партнёрском сотрудничестве",
        "en": "Partnership agreement",
    },
    "document_type.declaration_of_intent": {
        "ru": "Декларация о намерениях",
        "en": "Declaration of intent",
    },
    "date.year": {"ru": "{year} г.", "en": "{year}"},
    # The Data page: checking and applying a new registry
    "data.intro": {
        "ru": "Загрузите новый файл реестра (CSV в UTF-8 или Windows-1251 с «,» или «;», либо "
        "Excel .xlsx с теми же столбцами, что в partners.csv). Панель проверит его и покажет "
        "ошибки по строкам и столбцам; пока файл не применён, ничего не меняется.",
        "en": "Upload a new registry file (CSV in UTF-8 or Windows-1251 with “,” or “;”, or "
        "Excel .xlsx with the columns of partners.csv). The dashboard checks it and lists "
        "problems by row and column; nothing changes until the file is applied.",
    },
    "data.editing_off": {
        "ru": "Редактирование выключено: пароль редактора не задан (ключ editor_password в "
        ".streamlit/secrets.toml). Файл можно проверить, но не применить.",
        "en": "Editing is off: no editor password is configured (key editor_password in "
        ".streamlit/secrets.toml). A file can be checked but not applied.",
    },
    "data.password": {"ru": "Пароль редактора", "en": "Editor password"},
    "data.sign_in": {"ru": "Войти", "en": "Sign in"},
    "data.sign_out": {"ru": "Выйти", "en": "Sign out"},
    "data.signed_in": {"ru": "Вы вошли как редактор.", "en": "You are signed in as an editor."},
    "data.wrong_password": {
        "ru": "Неверный пароль. Осталось попыток: {left}.",
        "en": "Wrong password. Attempts left: {left}.",
    },
    "data.locked": {
        "ru": "Слишком много неверных паролей: вход закрыт до новой сессии (перезагрузите "
        "страницу позже).",
        "en": "Too many wrong passwords: signing in is locked for this session (reload the "
        "page later).",
    },
    "data.not_persistent": {
        "ru": "На этом сервере записанные файлы пропадают при перезапуске (например, Streamlit "
        "Community Cloud). Скачайте проверенные файлы и добавьте их в репозиторий.",
        "en": "On this host, files written at run time are lost on restart (Streamlit "
        "Community Cloud, for one). Download the checked files and commit them to the "
        "repository.",
    },
    "data.upload_header": {"ru": "Новый файл реестра", "en": "A new registry file"},
    "data.upload": {"ru": "Файл реестра", "en": "Registry file"},
    "data.upload_help": {
        "ru": "CSV или XLSX, не больше {mb} МБ и {rows} строк.",
        "en": "CSV or XLSX, at most {mb} MB and {rows} rows.",
    },
    "data.refused": {
        "ru": "Файл {file} не принят: {reason}.",
        "en": "The file {file} is refused: {reason}.",
    },
    "data.file_rows": {"ru": "Строк в файле", "en": "Rows in the file"},
    "data.valid_rows": {"ru": "Верных строк", "en": "Valid rows"},
    "data.added": {"ru": "Новых документов", "en": "New documents"},
    "data.removed": {"ru": "Исчезнет документов", "en": "Documents dropped"},
    "data.new_partners": {"ru": "Новых партнёров", "en": "New partners"},
    "data.renamed": {
        "ru": "Файл меняет названия ({count}): проверьте их перед применением.",
        "en": "The file changes names ({count}): check them before applying.",
    },
    "column.field": {"ru": "Поле", "en": "Field"},
    "column.partner_id": {"ru": "Партнёр (код)", "en": "Partner id"},
    "column.before": {"ru": "Было", "en": "Before"},
    "column.after": {"ru": "Станет", "en": "After"},
    "data.ready": {
        "ru": "Ошибок нет: файл можно применить.",
        "en": "No problems: the file can be applied.",
    },
    "data.not_ready": {
        "ru": "Исправьте ошибки и загрузите файл снова: файл с ошибками не применяется, "
        "чтобы ни одна строка не пропала.",
        "en": "Fix the problems and upload the file again: a file with problems is not "
        "applied, so that no row is lost.",
    },
    "data.download_checked": {
        "ru": "Скачать проверенный partners.csv",
        "en": "Download the checked partners.csv",
    },
    "data.apply": {"ru": "Применить файл", "en": "Apply the file"},
    "data.editors_only": {
        "ru": "Применить файл может только редактор.",
        "en": "Only an editor can apply the file.",
    },
    "data.applied": {
        "ru": "Реестр заменён. Прежняя версия сохранена в data/history/{backup}.",
        "en": "The registry is replaced. The previous version is kept as data/history/{backup}.",
    },
    "data.coords_header": {"ru": "Координаты мест", "en": "Coordinates of the places"},
    "data.coords_complete": {
        "ru": "Координаты есть у всех мест.",
        "en": "Every place has coordinates.",
    },
    "data.coords_missing": {
        "ru": "Нет координат: {places}.",
        "en": "No coordinates yet: {places}.",
    },
    "data.geocode": {
        "ru": "Найти координаты ({count}) через Nominatim",
        "en": "Look up the coordinates ({count}) with Nominatim",
    },
    "data.geocoding": {"ru": "Поиск координат…", "en": "Looking up coordinates…"},
    "data.resolved": {"ru": "Найдены: {places}.", "en": "Found: {places}."},
    "data.unresolved": {
        "ru": "Не найдено место {place}: {reason}. Введите координаты вручную ниже.",
        "en": "Not found: {place} ({reason}). Enter its coordinates by hand below.",
    },
    "data.manual": {
        "ru": "Координаты вручную (источник manual):",
        "en": "Coordinates by hand (source manual):",
    },
    "data.place": {"ru": "Место", "en": "Place"},
    "data.lat": {"ru": "Широта", "en": "Latitude"},
    "data.lon": {"ru": "Долгота", "en": "Longitude"},
    "data.save_coords": {"ru": "Сохранить координаты", "en": "Save the coordinates"},
    "data.download_file": {"ru": "Скачать {file}", "en": "Download {file}"},
    # Anniversaries
    "anniversaries.intro": {
        "ru": "Круглые даты документов — каждые 5 лет. Дата, известная до месяца или года, "
        "даёт месяц или год юбилея, а не выдуманный день. Сегодня: {today}.",
        "en": "Round anniversaries of the documents, every 5 years. A date known to the month "
        "or year gives the anniversary's month or year, not a made-up day. Today: {today}.",
    },
    "anniversaries.year": {"ru": "Год юбилея", "en": "Anniversary year"},
    "anniversaries.count": {
        "ru": "Юбилеев в {year} году: {count}",
        "en": "Anniversaries in {year}: {count}",
    },
    "anniversaries.none": {
        "ru": "В ближайшие {years} лет круглых дат нет.",
        "en": "No round anniversary in the next {years} years.",
    },
    "anniversaries.next": {
        "ru": "Ближайший юбилей: {years} лет — {document}, {partner}, {date}.",
        "en": "Next anniversary: {years} years of the {document} with {partner}, {date}.",
    },
    "column.anniversary": {"ru": "Юбилей", "en": "Anniversary"},
    "column.years": {"ru": "Лет", "en": "Years"},
    # Strategy
    "strategy.intro": {
        "ru": "Направления сотрудничества из стратегии и документы, которые им служат. "
        "Направление без документов открыто. Сравнение идёт со всем реестром, без фильтров.",
        "en": "The strategy's directions of cooperation and the documents that serve them. "
        "A direction with no document is open. They are compared with the whole registry, "
        "not the filtered view.",
    },
    "strategy.direction": {"ru": "Направление", "en": "Direction"},
    "strategy.documents": {"ru": "Документы", "en": "Documents"},
    "strategy.open": {"ru": "Открыто: документов пока нет", "en": "Open: no document yet"},
    "strategy.served": {
        "ru": "{documents}, {partners}",
        "en": "{documents} with {partners}",
    },
    "strategy.summary": {
        "ru": "Направлений: {total}, из них открытых: {open}.",
        "en": "{total} directions, {open} of them open.",
    },
    # Validation report
    "problem.at_row_column": {
        "ru": "Строка {row}, столбец «{column}»",
        "en": "Row {row}, column “{column}”",
    },
    "problem.at_row": {"ru": "Строка {row}", "en": "Row {row}"},
    "problem.at_file": {"ru": "Файл", "en": "File"},
    "problem.file_unreadable": {
        "ru": "файл не читается как таблица CSV: {detail}",
        "en": "the file cannot be read as a CSV table: {detail}",
    },
    "problem.bad_encoding": {
        "ru": "кодировка не распознана (ожидается UTF-8 или Windows-1251)",
        "en": "unknown text encoding (expected UTF-8 or Windows-1251)",
    },
    "problem.file_empty": {"ru": "файл пуст", "en": "the file is empty"},
    "problem.no_rows": {
        "ru": "в файле есть заголовок, но нет ни одной строки данных",
        "en": "the file has a header but no data rows",
    },
    "problem.missing_columns": {
        "ru": "нет обязательных столбцов: {columns}",
        "en": "required columns are missing: {columns}",
    },
    "problem.unknown_columns": {
        "ru": "неизвестные столбцы не загружены: {columns}",
        "en": "unknown columns were not loaded: {columns}",
    },
    "problem.repeated_columns": {
        "ru": "столбцы повторяются: {columns} (второй заменил бы первый)",
        "en": "repeated columns: {columns} (the second would replace the first)",
    },
    "problem.forbidden_character": {
        "ru": "недопустимый символ {code} (управляющий или меняющий направление текста)",
        "en": "a character that is not allowed: {code} (a control or text-direction character)",
    },
    "problem.field_count": {
        "ru": "в строке {found} полей вместо {expected} (проверьте разделитель и кавычки)",
        "en": "the row has {found} fields instead of {expected} (check the separator and quotes)",
    },
    "problem.missing_value": {"ru": "значение не заполнено", "en": "the value is missing"},
    "problem.bad_partner_id": {
        "ru": "«{value}» не годится как идентификатор: только строчные латинские буквы, "
        "цифры и дефисы, например «braniewo»",
        "en": "“{value}” is not a valid id: use lower-case Latin letters, digits and hyphens, "
        "e.g. “braniewo”",
    },
    "problem.unknown_country": {
        "ru": "неизвестный код страны «{value}» (нужен код ISO 3166-1 из двух букв, например PL)",
        "en": "unknown country code “{value}” (expected a two-letter ISO 3166-1 code, e.g. PL)",
    },
    "problem.unknown_value": {
        "ru": "недопустимое значение «{value}»; допустимы: {allowed}",
        "en": "“{value}” is not allowed; allowed values: {allowed}",
    },
    "problem.date_format": {
        "ru": "дата «{value}» не соответствует точности «{precision}» (ожидается {expected})",
        "en": "the date “{value}” does not match its precision “{precision}” (expected {expected})",
    },
    "problem.impossible_date": {
        "ru": "такой даты не существует: «{value}»",
        "en": "no such date: “{value}”",
    },
    "problem.future_date": {
        "ru": "дата «{value}» ещё не наступила",
        "en": "the date “{value}” is in the future",
    },
    "problem.too_early_date": {
        "ru": "дата «{value}» раньше {earliest} года: вероятно, опечатка",
        "en": "the date “{value}” is before {earliest}: probably a typing error",
    },
    "problem.duplicate_row": {
        "ru": "повторяет документ из строки {other_row}",
        "en": "repeats the document on row {other_row}",
    },
    "problem.inconsistent_partner": {
        "ru": "у партнёра «{partner_id}» здесь «{value}», а в строке {other_row} — «{other_value}»",
        "en": "partner “{partner_id}” has “{value}” here but “{other_value}” on row {other_row}",
    },
    "problem.encoding_loss": {
        "ru": "{partner}: «{after}» — это «{before}», потерявшее буквы при сохранении в "
        "Windows-1251; сохраните файл в UTF-8 или как книгу Excel",
        "en": "{partner}: “{after}” is “{before}” with letters lost in a Windows-1251 save; "
        "save the file as UTF-8 or as an Excel workbook",
    },
    "problem.not_writable": {
        "ru": "не удалось записать {file}: {detail}. Папка данных только для чтения или диск "
        "заполнен; прежний файл не изменён.",
        "en": "could not write {file}: {detail}. The data folder is read-only or the disk is "
        "full; the previous file is unchanged.",
    },
    "problem.not_a_number": {"ru": "«{value}» — не число", "en": "“{value}” is not a number"},
    "problem.out_of_range": {
        "ru": "значение {value} вне допустимого диапазона {low}…{high}",
        "en": "{value} is outside the allowed range {low}…{high}",
    },
    "problem.swapped_coordinates": {
        "ru": "точка ({lat}, {lon}) вне карты, а с переставленными широтой и долготой "
        "была бы на ней: проверьте порядок",
        "en": "the point ({lat}, {lon}) is off the map but would be on it with latitude and "
        "longitude exchanged: check their order",
    },
    "problem.duplicate_place": {
        "ru": "место «{value}» уже есть в строке {other_row}",
        "en": "the place “{value}” is already on row {other_row}",
    },
    "problem.duplicate_id": {
        "ru": "идентификатор «{value}» уже есть в строке {other_row}",
        "en": "the id “{value}” is already on row {other_row}",
    },
    "problem.upload_too_big": {
        "ru": "файл весит {size} МБ, а можно не больше {limit} МБ",
        "en": "the file is {size} MB; the limit is {limit} MB",
    },
    "problem.upload_too_long": {
        "ru": "в файле {rows} строк данных, а можно не больше {limit}",
        "en": "the file has {rows} data rows; the limit is {limit}",
    },
    "problem.xlsx_too_big_unpacked": {
        "ru": "книга Excel распаковывается в {size} МБ, допустимо не больше {limit} МБ",
        "en": "the Excel workbook unpacks to {size} MB; at most {limit} MB is accepted",
    },
    "problem.xlsx_too_many_parts": {
        "ru": "в книге Excel {parts} частей, допустимо не больше {limit}",
        "en": "the Excel workbook has {parts} parts; at most {limit} are accepted",
    },
    "problem.xlsx_unreadable": {
        "ru": "файл не читается как книга Excel (.xlsx): {detail}",
        "en": "the file cannot be read as an Excel workbook (.xlsx): {detail}",
    },
    "problem.place_known": {
        "ru": "у места «{value}» координаты уже есть",
        "en": "the place “{value}” already has coordinates",
    },
    "problem.no_table": {
        "ru": "в тексте нет таблицы (строк с ячейками, разделёнными табуляцией)",
        "en": "the text holds no table (lines with tab-separated cells)",
    },
    "problem.cell_count": {
        "ru": "ожидаются две ячейки через табуляцию (партнёр, документы), найдено {found}",
        "en": "expected two tab-separated cells (partner, documents), found {found}",
    },
    "problem.no_country": {
        "ru": "не удалось определить страну в «{text}»",
        "en": "no country recognised in “{text}”",
    },
    "problem.ambiguous_country": {
        "ru": "в «{text}» названо несколько стран: {codes}",
        "en": "“{text}” names several countries: {codes}",
    },
    "problem.no_level": {
        "ru": "не удалось понять, город это, муниципалитет или округ: «{text}»",
        "en": "cannot tell whether this is a town, a municipality or a district: “{text}”",
    },
    "problem.no_document": {
        "ru": "не найден вид документа (соглашение, договор, протокол, декларация) в «{text}»",
        "en": "no document type (agreement, treaty, protocol, declaration) found in “{text}”",
    },
    "problem.unparsed_text": {
        "ru": "непонятный текст «{text}» перед названием документа",
        "en": "unrecognised text “{text}” before the document's title",
    },
    "problem.unparsed_date": {
        "ru": "не удалось разобрать дату «{text}» документа «{title}»",
        "en": "cannot read the date “{text}” of the document “{title}”",
    },
    "import.written": {
        "ru": "Записано: {documents} ({partners}) в {path}.",
        "en": "Wrote {documents} ({partners}) to {path}.",
    },
    "import.new_partners": {
        "ru": "Новые партнёры, заполните вручную partner_local, partner_en, region_en: {ids}",
        "en": "New partners, fill in partner_local, partner_en, region_en by hand: {ids}",
    },
    "report.clean": {
        "ru": "Ошибок нет. Документов: {documents}, партнёров: {partners}, стран: {countries}.",
        "en": "No problems. Documents: {documents}, partners: {partners}, countries: {countries}.",
    },
    "report.problems": {
        "ru": "Найдено ошибок: {problems}. Загружено строк: {loaded} из {total}.",
        "en": "Problems found: {problems}. Rows loaded: {loaded} of {total}.",
    },
}


# Counted nouns in each language's plural categories (CLDR's, through Babel): Russian has
# one / few / many (1 партнёр, 2 партнёра, 5 партнёров); no "partner(s)".
COUNTED = {
    "partners": {
        "ru": {"one": "{n} партнёр", "few": "{n} партнёра", "many": "{n} партнёров",
               "other": "{n} партнёра"},
        "en": {"one": "{n} partner", "other": "{n} partners"},
    },
    "documents": {
        "ru": {"one": "{n} документ", "few": "{n} документа", "many": "{n} документов",
               "other": "{n} документа"},
        "en": {"one": "{n} document", "other": "{n} documents"},
    },
}  # fmt: skip


def count_of(noun: str, count: int, lang: str) -> str:
    """Say `count` of a COUNTED noun in `lang`, in the plural form its rules choose."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    forms = COUNTED[noun][lang]
    return forms.get(Locale.parse(lang).plural_form(count), forms["other"]).format(n=count)


def t(key: str, lang: str, **params: object) -> str:
    """Return the catalogue string `key` in `lang`, with `params` filled in."""
    text = CATALOGUE[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def country_name(code: str, lang: str) -> str:
    """Return the country's name for an ISO 3166-1 alpha-2 code, from Babel's CLDR data."""
    return Locale.parse(lang).territories.get(code, code)


def is_country_code(code: str) -> bool:
    """Tell whether `code` is a two-letter country code that CLDR knows."""
    return len(code) == 2 and code.isalpha() and code.isupper() and code in _TERRITORIES


def format_signed(signed: str, precision: str, lang: str) -> str:
    """Write a signing date at its precision: «14 октября 1991», «март 2009», «2009 г.»."""
    parts = [int(part) for part in signed.split("-")]
    if precision == "year":
        return t("date.year", lang, year=parts[0])
    if precision == "month":
        # LLLL is the stand-alone month name: «март 2009», not «марта 2009».
        return format_date(dt.date(parts[0], parts[1], 1), "LLLL y", locale=lang)
    return format_date(dt.date(*parts), "d MMMM y", locale=lang)


def format_date_long(date: dt.date, lang: str) -> str:
    """Write a full date in words: «26 ноября 2026», "26 November 2026"."""
    return format_date(date, "d MMMM y", locale=lang)


def month_names_ru() -> dict[str, int]:
    """Map every Russian month name Babel knows (both cases, lower-case) to its number."""
    months = Locale.parse("ru").months
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in months[context]["wide"].items():
            names[name.lower()] = number
    return names


def country_names_ru() -> dict[str, str]:
    """Map each Russian country name Babel knows (lower-case) to its two-letter code."""
    territories = Locale.parse("ru").territories
    return {name.lower(): code for code, name in territories.items() if code in _TERRITORIES}


# CLDR's two-letter codes that name no country: groupings, pseudo-locales, "unknown".
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
_TERRITORIES = frozenset(
    code
    for code in Locale.parse("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)
