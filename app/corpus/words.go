package corpus

// theme is one field the network lobbies on: its topics (as the app
// stores them), nouns in the forms prose uses them, and its problems.
type theme struct {
	topics   []string
	nouns    []string
	problems []string
}

var themes = []theme{
	{topics: []string{"energi", "elnät", "omställning"},
		nouns: []string{"elnätet", "nätkapaciteten", "stamnätet", "regionnätet", "elförsörjningen", "elpriset",
			"överföringskapaciteten", "nätanslutningen", "effektbristen", "kraftledningarna", "havsbaserad vindkraft",
			"kärnkraften", "vattenkraften", "elektrifieringen", "nätavgifterna", "förhandsinvesteringar i elnätet",
			"transformatorstationerna", "nätkoncessionen", "elproduktionen i norr"},
		problems: []string{"ny nätkapacitet dröjer i {x} år", "företag får nej till anslutning i {k}",
			"effektbristen stoppar etableringar i {r}", "ledningstillstånd tar över tio år",
			"elpriset skiljer sig kraftigt mellan elområdena"}},
	{topics: []string{"tillstånd", "miljöprövning", "planering"},
		nouns: []string{"tillståndsprövningen", "miljöprövningen", "miljötillståndet", "handläggningstiderna",
			"mark- och miljödomstolen", "länsstyrelsernas prövning", "detaljplanen", "samrådet",
			"miljökonsekvensbeskrivningen", "tillståndsprocessen", "riksintressena", "strandskyddet",
			"vattenverksamheten", "överklagandena", "prövningsmyndigheterna", "bygglovet"},
		problems: []string{"en miljöprövning tar i snitt {x} år", "överklaganden fördröjer investeringar i {k}",
			"prövningsmyndigheterna saknar resurser", "reglerna tolkas olika i olika län",
			"samma fråga prövas flera gånger av olika myndigheter"}},
	{topics: []string{"kompetens", "utbildning", "arbetsmarknad"},
		nouns: []string{"kompetensförsörjningen", "yrkeshögskolan", "vuxenutbildningen", "lärlingsplatserna",
			"ingenjörsutbildningarna", "arbetskraftsinvandringen", "kompetensbristen", "omställningsstödet",
			"gymnasiesärskolan", "teknikcollege", "högskolornas utbildningsplatser", "validering av yrkeskunskaper",
			"inflyttningen", "bostadsbristen för nyanställda", "arbetsförmedlingen"},
		problems: []string{"industrin i {k} behöver {x} nya medarbetare", "utbildningsplatserna räcker inte",
			"yrkeshögskolans platser fördelas utan hänsyn till industrins behov",
			"unga flyttar från {r} för att utbilda sig", "valideringen tar för lång tid"}},
	{topics: []string{"logistik", "transporter", "järnväg"},
		nouns: []string{"godstransporterna", "järnvägen", "malmbanan", "hamnarna", "farlederna", "kombiterminalerna",
			"vägnätet", "Norrbotniabanan", "kapaciteten på stambanorna", "banunderhållet", "sjöfarten",
			"infrastrukturplanen", "Trafikverket", "tunga transporter", "logistikkedjorna", "flygplatserna"},
		problems: []string{"underhållsskulden på järnvägen växer", "godståg stoppas av banarbeten i {k}",
			"hamnen i {k} når taket för sin kapacitet", "infrastrukturplanen prioriterar bort {r}",
			"transporterna tar {x} timmar längre än för tio år sedan"}},
	{topics: []string{"industri", "omställning", "näringsliv"},
		nouns: []string{"den industriella omställningen", "fossilfritt stål", "batterifabrikerna", "gruvnäringen",
			"processindustrin", "etableringarna", "exportindustrin", "återindustrialiseringen", "leverantörskedjorna",
			"industriparkerna", "koldioxidinfångningen", "cirkulära materialflöden", "underleverantörerna",
			"investeringsstödet", "Industriklivet", "de gröna investeringarna"},
		problems: []string{"investeringar på {x} miljarder kronor väntar i {r}", "staten saknar en samlad strategi",
			"små kommuner bär kostnaderna för stora etableringar", "företagen i {k} möter osäkra villkor",
			"konkurrensen om investeringarna ökar i Europa"}},
	{topics: []string{"vätgas", "energi", "klimat"},
		nouns: []string{"vätgasen", "elektrolysörerna", "vätgaslagren", "fossilfri vätgas", "vätgasinfrastrukturen",
			"biodrivmedlen", "restvärmen", "fjärrvärmen", "utsläppen av växthusgaser", "klimatmålen",
			"klimatklivet", "energieffektiviseringen", "biogasen", "energilagringen"},
		problems: []string{"vätgasprojekten i {k} saknar nätanslutning", "regelverket för vätgas är oklart",
			"utsläppen minskar för långsamt i {r}", "stödet till elektrolysörer är för litet",
			"restvärmen från industrin tas inte till vara"}},
	{topics: []string{"kommunal ekonomi", "bostäder", "samhällsplanering"},
		nouns: []string{"den kommunala ekonomin", "medfinansieringen", "bostadsbyggandet", "skatteutjämningen",
			"välfärden", "investeringsbudgeten", "kommunalekonomin", "samhällsbyggnaden", "vatten och avlopp",
			"förskolorna", "den kommunala servicen", "markreserven", "hyresbostäderna"},
		problems: []string{"kommunerna förskotterar {x} miljoner kronor", "befolkningen i {k} växer snabbare än planerat",
			"bostadsbyggandet hinner inte med", "statens ersättning täcker inte kostnaderna",
			"kommuner i {r} lånar till infrastruktur som staten borde bära"}},
}

var titles = []string{
	"{n} får inte bli industrins flaskhals",
	"{n} avgör omställningen i {r}",
	"Snabbare besked om {n} för nya etableringar",
	"Staten måste ta ansvar för {n}",
	"Nätverkets krav på {n}",
	"Så stärker vi {n} och {s}",
	"Remissvar om {n}",
	"{n} och {s} hänger ihop",
	"En samlad strategi för {n}",
	"Industrikommunerna om {n}",
	"Tio förslag om {n}",
	"Gemensamt uttalande om {n} i {r}",
}

var sections = []string{"Därför är det viktigt", "Bakgrund", "Erfarenheter från kommunerna",
	"Konsekvenser för medlemmarna", "Förslag till fortsatt arbete", "Synpunkter på utredningens förslag"}

var sentences = []string{
	"{a} måste ta ett större ansvar för {n}.",
	"I {k} väntar företagen i dag på besked om {n}.",
	"Nätverket kräver att {n} prioriteras i den nationella planeringen.",
	"Vi ser att {p}, och det hotar {s}.",
	"Utan {n} går den gröna omställningen förlorad.",
	"Erfarenheterna från {k} visar att {p}.",
	"Därför föreslår vi att {d}.",
	"{a} bör samordna arbetet med {n} och {s}.",
	"Kommunerna gör redan sin del: vi planerar mark, bygger bostäder och utbildar för {n}.",
	"Samtidigt gäller att {p}.",
	"Utredningens förslag om {n} är ett steg i rätt riktning men räcker inte.",
	"Det är avgörande att {d} senast {y}.",
	"I {r} berörs {x} procent av arbetstillfällena av {n}.",
	"Vi tillstyrker förslaget i huvudsak men avstyrker ändringarna av {m}.",
	"Varje år som {n} försenas innebär högre utsläpp och förlorade jobb.",
	"Nätverkets medlemmar i {r} har tillsammans investeringar i {s} för {x} miljarder kronor.",
	"Medlemskommunerna står redo att bidra, men {a} måste visa vägen.",
	"Frågan om {n} måste lösas innan {y}.",
	"Det är inte rimligt att {p}.",
	"Regeringen bör därför ge {a} i uppdrag att se över {n}.",
	"Vi delar bedömningen att {n} behöver förstärkas, inte minst i {k}.",
	"Ett tydligt exempel är {k}, där {p}.",
	"Konsekvenserna för {s} har inte utretts tillräckligt.",
	"För att klara {n} behövs också {s}.",
	"Vi vill se en dialog mellan staten, regionerna och kommunerna om {n}.",
	"Erfarenheten visar att {d} ger resultat.",
}

var demands = []string{
	"staten tar ett samlat ansvar för {n}",
	"{a} får ett tydligt uppdrag om {n}",
	"handläggningstiderna för {n} halveras",
	"kommunerna får vara med från början när {n} planeras",
	"{n} finansieras långsiktigt",
	"bindande tidsfrister införs för {n}",
	"{n} redovisas öppet per område och år",
	"investeringarna i {n} tidigareläggs",
	"ett statligt stöd för {n} införs i {r}",
}

var actors = []string{"staten", "regeringen", "Energimyndigheten", "Svenska kraftnät", "Trafikverket",
	"Naturvårdsverket", "länsstyrelserna", "Tillväxtverket", "Skolverket", "Boverket", "Energimarknadsinspektionen",
	"regionerna", "riksdagen", "nätföretagen", "Myndigheten för yrkeshögskolan"}

var places = []string{"Luleå", "Skellefteå", "Boden", "Gällivare", "Kiruna", "Piteå", "Borlänge", "Sandviken",
	"Oxelösund", "Trollhättan", "Karlskoga", "Södertälje", "Finspång", "Ludvika", "Gävle", "Sundsvall",
	"Örnsköldsvik", "Timrå", "Fagersta", "Avesta", "Hofors", "Degerfors", "Olofström", "Skövde"}

var regions = []string{"Norrbotten", "Västerbotten", "Bergslagen", "Mälardalen", "Västra Götaland",
	"Dalarna", "Gävleborg", "Västernorrland", "Östergötland", "norra Sverige", "hela landet"}

var numbers = []string{"två", "tre", "fem", "sju", "tio", "tolv", "15", "20", "25", "40", "100", "1 200", "3 000"}

var firstNames = []string{"Anna", "Lars", "Karin", "Johan", "Maria", "Anders", "Eva", "Per", "Lena", "Mikael",
	"Birgitta", "Tomas", "Helena", "Niklas", "Sara", "Magnus", "Ulrika", "Stefan", "Linnea", "Erik"}

var lastNames = []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
	"Persson", "Lindberg", "Strandberg", "Öhman", "Wikström", "Forsgren", "Marklund", "Palo", "Lindqvist"}
