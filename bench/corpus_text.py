"""The text the benchmark letters are drawn from: original paragraphs, list items and subjects
about solidarity, raids, strikes and demands, mostly English, some French, Spanish, Korean and
Russian. Written for the benchmarks; no sentence is taken from elsewhere."""

from __future__ import annotations

PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "en": (
        "We write on behalf of our affiliates to express our deep concern at the events of the "
        "past week. Reports reaching us from the union's office describe police officers "
        "entering the premises without a warrant, seizing computers and membership records, and "
        "questioning staff for several hours without access to a lawyer.",
        "The workers at the plant have been on strike since the beginning of the month. Their "
        "demands are modest: a written contract for every worker, overtime paid at the legal "
        "rate, and the reinstatement of the seven shop stewards dismissed after the union was "
        "registered. None of these demands goes beyond what national law already requires.",
        "Freedom of association is not a favour granted by an employer or a government. It is "
        "a right recognised in the Constitution of the International Labour Organization and in "
        "Conventions 87 and 98, which your government has ratified and which bind every public "
        "authority, including the police and the courts.",
        "We understand that **criminal charges** have been brought against the union's "
        "president for *organising an unauthorised gathering*. The gathering in question was a "
        "meeting of members held inside the union's own building. Treating such a meeting as a "
        "crime sends a chilling message to every worker in the country.",
        "Our federation represents more than fifty million workers in one hundred and forty "
        "countries. Many of them work for the same multinational companies that operate in your "
        "country, and they follow closely how their colleagues there are treated.",
        "On the morning of the raid, more than two hundred officers surrounded the building. "
        "Members who had gathered outside to protest peacefully were pushed back with shields, "
        "and at least four of them were taken to hospital with injuries. We ask that an "
        "independent inquiry establish who gave the order to use force.",
        "The company has told the press that the strike is illegal. The labour court has not "
        "said so. Until a court rules otherwise, workers who stop work in accordance with the "
        "procedure set out in the law are exercising a lawful right and must not be replaced, "
        "threatened or dismissed.",
        "We have learned that several strikers received text messages telling them that they "
        "would lose their housing in the company dormitory unless they returned to work by "
        "Friday. Using a worker's home as a means of pressure is unacceptable, and we ask the "
        "management to withdraw these threats in writing.",
        "Since the union was founded three years ago, its members have negotiated the first "
        "collective agreement in the sector, won safety committees in every workshop, and ended "
        "the practice of unpaid trial periods. These achievements were reached through dialogue, "
        "and dialogue remains the only way forward.",
        "We therefore call on you to take the following steps without delay:",
        "The detained leaders have now spent **forty-three days** in pre-trial detention. "
        "Their families have been allowed one short visit, and their lawyers report that they "
        "have not been shown the evidence against them. Pre-trial detention should be the "
        "exception, not the rule, and it cannot be used to punish trade union activity.",
        "Dockworkers in our affiliated unions have voted to hold a day of action in solidarity "
        "with the strikers. Ships arriving from the company's terminals will be met with "
        "leaflets and banners explaining the dispute to the crews and to the public.",
        "The minimum wage in the sector has not been revised for six years, while the price of "
        "food and rent has nearly doubled. A garment worker now needs to work more than sixty "
        "hours a week to feed a family of four. This is the reality behind the demand for a "
        "living wage.",
        "We welcome the statement made by the Ministry of Labour last Tuesday, which recognised "
        "the union as a legitimate representative of the workers. We now expect that statement "
        "to be followed by action: the release of those detained and the return of the seized "
        "documents.",
        "During the last round of negotiations, the employer's representatives walked out after "
        "twenty minutes and refused to set a new date. A company that refuses to bargain in good "
        "faith cannot then blame the workers for the consequences of a breakdown.",
        "Women make up four out of five workers in the factories concerned. They report "
        "harassment by supervisors, forced overtime before export deadlines, and dismissal when "
        "they become pregnant. The union's campaign gives them, for the first time, a voice "
        "that the management cannot ignore.",
        "The international trade union movement is watching this case. Our affiliates have "
        "written to your embassies in twelve capitals, and a delegation will attend the next "
        "hearing as observers. We hope that the court will see the case for what it is.",
        "We note with concern that the new draft law on trade unions would require a minimum of "
        "five hundred members before a union may register, and would allow the authorities to "
        "suspend a union's activities without a court order. Both provisions would breach the "
        "principles of freedom of association.",
        "Please accept our thanks for your attention to this urgent matter. We would welcome "
        "the opportunity to meet you or your representatives to discuss how the situation can "
        "be resolved, and we remain at your disposal for any further information.",
        "Bus drivers in the capital stopped work at dawn yesterday after a colleague was "
        "assaulted on a night route for the third time this year. Their demand is simple: a "
        "protective screen in every cab and a second staff member on late services.",
        "The strike fund set up by our affiliates has already raised enough to pay each "
        "striking family the equivalent of two weeks' wages. Donations continue to arrive from "
        "teachers in Brazil, nurses in Norway and railway workers in South Africa.",
        "It is not too late to change course. If the company agrees to reinstate the dismissed "
        "workers and to open negotiations with the union, we are confident that an agreement can "
        "be reached within weeks, and that production can resume to the benefit of all.",
        "According to the union's lawyers, the warrant shown to the officers at the door named "
        "a different address and a different organisation. Evidence gathered in such a search "
        "should not be admitted, and the seized material should be returned at once.",
        "Our members in the region remember the fire of four years ago, in which thirty-one "
        "workers died behind locked emergency exits. The inspection regime promised after that "
        "tragedy has never been put in place, and the union's demand for joint safety "
        "inspections is a matter of life and death.",
        "We ask you to use your good offices with the authorities so that the right of workers "
        "to form and join unions of their own choosing is respected in law and in practice, and "
        "so that no worker is punished for taking part in a lawful strike.",
        "Farm workers picking fruit for export are paid by the crate, at rates that have not "
        "changed in a decade. Many are migrants without papers, who fear that a complaint will "
        "lead to their deportation. The union has opened a help line in three languages.",
        "The decision to dissolve the union was taken at a hearing of which the union was not "
        "informed and at which it could not be represented. Such a decision cannot stand in a "
        "state that respects the rule of law, and we ask that it be annulled.",
        "In the hospitals of the province, nurses have worked double shifts for months to cover "
        "vacant posts. Their strike, with emergency services maintained throughout, was a last "
        "resort after eleven letters to the health authority went unanswered.",
    ),
    "fr": (
        "Nous vous écrivons au nom de nos organisations affiliées pour vous faire part de notre "
        "vive inquiétude après la perquisition menée au siège du syndicat. Les ordinateurs et "
        "les registres des adhérents ont été saisis sans qu'aucun mandat ne soit présenté.",
        "Les grévistes demandent le respect de la convention collective signée l'an dernier, le "
        "paiement des heures supplémentaires et la réintégration des délégués licenciés. Ces "
        "revendications sont légitimes et conformes au droit du travail national.",
        "Nous vous demandons de libérer sans délai les responsables syndicaux détenus et "
        "d'ouvrir un dialogue de bonne foi avec le syndicat. Le mouvement syndical international "
        "suit cette affaire avec la plus grande attention.",
    ),
    "es": (
        "Le escribimos en nombre de nuestras organizaciones afiliadas para expresar nuestra "
        "profunda preocupación por la detención de los dirigentes del sindicato, arrestados al "
        "salir de una asamblea celebrada en el local sindical.",
        "Los trabajadores de la mina están en huelga desde hace tres semanas. Exigen "
        "condiciones de seguridad dignas, el fin de la subcontratación abusiva y el "
        "reconocimiento del sindicato como interlocutor en la negociación colectiva.",
        "Le pedimos que garantice el derecho de huelga, que retire los cargos contra los "
        "huelguistas y que convoque a las partes a una mesa de diálogo sin más demora.",
    ),
    "ko": (
        "우리는 전 세계 가맹 조직을 대표하여 지난주 노동조합 사무실에 대한 경찰의 압수수색에 "
        "깊은 우려를 표합니다. 영장 없이 컴퓨터와 조합원 명부가 압수되었다는 보고를 받았습니다.",
        "파업 중인 노동자들의 요구는 정당합니다. 모든 노동자에게 서면 근로계약을 보장하고, "
        "연장근로 수당을 법정 기준대로 지급하며, 해고된 조합 간부들을 복직시켜야 합니다.",
        "구속된 노동조합 지도자들을 즉각 석방하고, 노동조합과 성실하게 교섭할 것을 촉구합니다. "
        "국제 노동운동은 이 사건을 주의 깊게 지켜보고 있습니다.",
    ),
    "ru": (
        "Мы обращаемся к вам от имени наших членских организаций, чтобы выразить глубокую "
        "обеспокоенность обыском в офисе профсоюза, в ходе которого были изъяты компьютеры и "
        "списки членов без предъявления ордера.",
        "Бастующие работники требуют письменных трудовых договоров, оплаты сверхурочной работы "
        "по закону и восстановления на работе уволенных профсоюзных активистов.",
        "Мы призываем вас немедленно освободить задержанных руководителей профсоюза и начать "
        "добросовестный диалог с работниками. Международное профсоюзное движение внимательно "
        "следит за этим делом.",
    ),
}

DEMANDS: dict[str, tuple[str, ...]] = {
    "en": (
        "release all detained union members and drop the charges against them",
        "return the documents and equipment seized during the raid",
        "reinstate the workers dismissed for their union activity",
        "open negotiations with the union **in good faith**",
        "order an independent inquiry into the use of force",
        "withdraw the threats of eviction from the company dormitory",
        "register the union without further delay",
        "guarantee the safety of the strikers and their families",
        "pay the wages withheld during the lockout",
        "amend the draft law so that it complies with *Convention 87*",
    ),
    "fr": (
        "libérer les responsables syndicaux détenus",
        "restituer les documents saisis",
        "réintégrer les délégués licenciés",
    ),
    "es": (
        "liberar a los dirigentes detenidos",
        "retirar los cargos contra los huelguistas",
        "reconocer al sindicato",
    ),
    "ko": ("구속된 조합원 즉각 석방", "압수 물품 반환", "해고자 복직"),
    "ru": ("освободить задержанных", "вернуть изъятые документы", "восстановить уволенных"),
}

STEPS = (
    "meet the union's elected representatives within the next fourteen days",
    "publish the findings of the labour inspection",
    "suspend the disciplinary proceedings until the court has ruled",
    "inform us in writing of the measures taken",
)

QUOTE_INTRO = "The union's own statement, which we attach in full, reads in part:"

SUBJECTS: dict[str, tuple[str, ...]] = {
    "en": (
        "Raid on the offices of {union}",
        "Strike at {company}, {city}: the workers' demands",
        "Detention of {person}",
        "Solidarity with the members of {union}",
        "Dismissal of union representatives at {company}",
        "Draft law on trade unions and freedom of association",
        "Request for a meeting on the dispute at {company}",
        "Violence against striking workers in {city}",
    ),
    "fr": ("Perquisition au siège de {union}", "Grève chez {company} à {city}"),
    "es": ("Detención de {person}", "Huelga en {company}, {city}"),
    "ko": ("{union} 압수수색에 대한 항의", "{company} 파업 노동자 연대"),
    "ru": ("Обыск в офисе {union}", "Забастовка на {company}, {city}"),
}

OPENINGS = {"en": "Dear {name},", "fr": "Madame, Monsieur,", "es": "Estimado/a {name}:",
            "ko": "{name} 귀하", "ru": "Уважаемый(ая) {name}!"}  # fmt: skip
CLOSINGS = {"en": ("Yours sincerely,", "In solidarity,", "With our best regards,"),
            "fr": ("Veuillez agréer l'expression de notre haute considération.",),
            "es": ("Atentamente,",), "ko": ("연대의 인사를 전합니다.",),
            "ru": ("С уважением,",)}  # fmt: skip

# Names and places to build senders, signatories and recipients from (combined, not listed).
GIVEN = ("Amina", "Jorge", "Léa", "Tomasz", "Nomvula", "Priya", "Kwame", "Ingrid", "Mateo",
         "Fatima", "Lars", "Chiara", "Ерлан", "Айгүл", "Ольга", "Дмитрий", "민지", "성호", "지영",
         "Aigerim", "Bongani", "Catalina", "Dilnoza", "Emeka")  # fmt: skip
FAMILY = ("Okafor", "Fernández", "Dubois", "Kowalski", "Dlamini", "Sharma", "Mensah", "Berg",
          "Rossi", "Haddad", "Nielsen", "Құдайбергенов", "Сағынтайқызы", "Иванова", "김", "박",
          "이", "Suleimenova", "Moreira", "Tanaka", "Achterberg", "Ncube")  # fmt: skip
TITLES = ("Minister of Labour", "Ambassador", "Chief Executive Officer", "Prosecutor General",
          "Director of Human Resources", "Governor", "President of the Labour Court",
          "Chair of the Board")  # fmt: skip
COMPANIES = ("Northgate Textiles", "Caspian Drilling Services", "한빛전자", "Andes Copper",
             "Volta Logistics", "Metalurgia del Sur", "Завод «Прогресс»", "Riverside Foods",
             "Blue Harbour Terminals", "Sahel Mining")  # fmt: skip
CITIES = ("Aktau", "Ulsan", "Lyon", "Antofagasta", "Durban", "Dhaka", "Oaxaca", "Gdańsk",
          "Жанаозен", "Lagos", "Yangon", "Porto Alegre")  # fmt: skip
COUNTRIES = ("KZ", "KR", "FR", "CL", "ZA", "BD", "MX", "PL", "NG", "MM", "BR", "GB")
UNIONS = ("the Independent Metalworkers' Union", "KPTU", "Syndicat des dockers",
          "Sindicato Minero Unificado", "«Ақжайық» кәсіподағы", "전국금속노동조합",
          "the Garment Workers' Federation", "Профсоюз транспортников", "NUMSA",
          "the Nurses' Association")  # fmt: skip
FEDERATIONS = (
    ("IndustriALL Global Union", "IALL", "54 bis, route des Acacias\n1227 Geneva\nSwitzerland"),
    ("International Transport Workers' Federation", "ITF", "49-60 Borough Road\nLondon SE1 1DR"),
    ("Public Services International", "PSI", "45 avenue Voltaire\n01210 Ferney-Voltaire\nFrance"),
    ("Building and Wood Workers' International", "BWI", "54 route des Acacias\n1227 Carouge"),
    ("UNI Global Union", "UNI", "8-10 avenue Reverdil\n1260 Nyon\nSwitzerland"),
    ("전국민주노동조합총연맹", "KCTU", "서울특별시 중구 정동길 3\n04518"),
)
STREETS = ("Avenue de la République", "Main Street", "Calle Mayor", "Абай даңғылы", "세종대로",
           "Station Road", "Rua da Liberdade", "ulica Długa")  # fmt: skip
