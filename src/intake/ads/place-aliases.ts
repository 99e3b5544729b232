/**
 * The words ads use for places that the CBS gazetteer spells otherwise: colloquial names, city
 * districts, former municipalities, plus the province names and the words that are not places.
 * Pure data; places.ts normalises every string here the same way it normalises ad text (case,
 * diacritics, apostrophes, hyphens, `y`/`ij`, `St.`/`Sint`, `a/d`/`aan de(n)`), so write names
 * the way people do and add no spelling variants that normalisation already covers.
 *
 * Municipality names must be spelled exactly as in gemeente-eenheid.csv; the resolver throws at
 * construction on a name it does not know, so a municipal merger shows up in the tests.
 */

export interface AliasGroup {
  /** Official municipality name (gazetteer spelling). */
  municipality: string;
  /** `alias`: another name for the municipality itself; `district`: a part of it. */
  via: 'alias' | 'district';
  /** Names that stand alone ("Bijlmer") and also combine with the city ("Amsterdam Bijlmer"). */
  names: readonly string[];
  /** Names that only mean this place next to the city's name ("Almere Buiten", "Groningen stad"). */
  withCity?: readonly string[];
}

export const ALIAS_GROUPS: readonly AliasGroup[] = [
  // Amsterdam: nicknames. Every alias of a city also combines with its districts ("A'dam Zuidoost").
  { municipality: 'Amsterdam', via: 'alias', names: ["A'dam", 'Mokum'] },
  // Amsterdam: the stadsdelen, then neighbourhoods ads name (the red-light district among them).
  {
    municipality: 'Amsterdam',
    via: 'district',
    names: [
      'Centrum',
      'Noord',
      'Oost',
      'West',
      'Zuid',
      'Zuidoost',
      'Nieuw-West',
      'Westpoort',
      'Bijlmer',
      'Bijlmermeer',
      'Bijlmer-Centrum',
      'Bijlmer-Oost',
      'Gaasperdam',
      'Holendrecht',
      'Reigersbos',
      'Venserpolder',
      'Ganzenhoef',
      'Kraaiennest',
      'Amsterdamse Poort',
      'De Pijp',
      'Jordaan',
      'De Wallen',
      'Walletjes',
      'Red Light District',
      'Rosse Buurt',
      'Oud-West',
      'Oud-Zuid',
      'Oud-Oost',
      'Osdorp',
      'Slotervaart',
      'Slotermeer',
      'Geuzenveld',
      'Geuzenveld-Slotermeer',
      'Bos en Lommer',
      'De Baarsjes',
      'Westerpark',
      'Buitenveldert',
      'Zuidas',
      'Rivierenbuurt',
      'IJburg',
      'Watergraafsmeer',
      'Indische Buurt',
      'Dapperbuurt',
      'Oostelijk Havengebied',
      'Zeeburg',
      'Sloterdijk',
      'Nieuwendam',
      'Buiksloot',
      'Buikslotermeer',
      'Overhoeks',
      'Museumkwartier',
    ],
    withCity: ['ZO', 'Stad', 'Centraal'],
  },
  // Rotterdam: nicknames.
  { municipality: 'Rotterdam', via: 'alias', names: ["R'dam", 'Roffa'] },
  // Rotterdam: the gebieden and well-known neighbourhoods; "Zuid" is the whole south bank.
  // (Hoogvliet, Pernis, Maasvlakte, … are woonplaatsen "X Rotterdam" and need no alias.)
  {
    municipality: 'Rotterdam',
    via: 'district',
    names: [
      'Centrum',
      'Noord',
      'Zuid',
      'West',
      'Charlois',
      'Feijenoord',
      'Delfshaven',
      'Kralingen',
      'Crooswijk',
      'Kralingen-Crooswijk',
      'Hillegersberg',
      'Schiebroek',
      'Hillegersberg-Schiebroek',
      'IJsselmonde',
      'Prins Alexander',
      'Ommoord',
      'Zevenkamp',
      'Nesselande',
      'Overschie',
      'Kop van Zuid',
      'Katendrecht',
      'Afrikaanderwijk',
      'Tarwewijk',
      'Carnisse',
      'Zuidplein',
      'Lombardijen',
      'Blijdorp',
      'Spangen',
      'Beverwaard',
      'Pendrecht',
      'Zuidwijk',
      'Bloemhof',
      'Hillesluis',
      'Vreewijk',
      'Oude Westen',
      'Heijplaat',
      'Liskwartier',
      'Oud-Charlois',
      'Oud-IJsselmonde',
      'Groot-IJsselmonde',
    ],
    withCity: ['Stad', 'Centraal', 'Oost'],
  },
  // Den Haag: what everyone calls 's-Gravenhage, in Dutch, English and French.
  {
    municipality: "'s-Gravenhage",
    via: 'alias',
    names: ['Den Haag', 'The Hague', 'Hague', 'La Haye', 'Haag'],
  },
  // Den Haag: stadsdelen and neighbourhoods (Scheveningen is no woonplaats of its own).
  {
    municipality: "'s-Gravenhage",
    via: 'district',
    names: [
      'Centrum',
      'Scheveningen',
      'Schilderswijk',
      'Laak',
      'Escamp',
      'Loosduinen',
      'Segbroek',
      'Haagse Hout',
      'Transvaal',
      'Transvaalkwartier',
      'Moerwijk',
      'Bouwlust',
      'Vrederust',
      'Mariahoeve',
      'Ypenburg',
      'Leidschenveen',
      'Wateringse Veld',
      'Duindorp',
      'Statenkwartier',
      'Bezuidenhout',
      'Benoordenhout',
      'Zeeheldenkwartier',
      'Regentessekwartier',
      'Valkenboskwartier',
      'Kijkduin',
      'Spoorwijk',
      'Morgenstond',
      'Duinoord',
      'Stationsbuurt',
      'Hollands Spoor',
      'Archipelbuurt',
    ],
    withCity: ['Stad', 'Centraal', 'HS', 'Noord', 'Zuid', 'West', 'Oost'],
  },
  // Utrecht: wijken and neighbourhoods (Vleuten and De Meern are woonplaatsen already).
  {
    municipality: 'Utrecht',
    via: 'district',
    names: [
      'Centrum',
      'Oost',
      'West',
      'Zuid',
      'Noordoost',
      'Noordwest',
      'Zuidwest',
      'Leidsche Rijn',
      'Vleuten-De Meern',
      'Overvecht',
      'Kanaleneiland',
      'Lombok',
      'Zuilen',
      'Ondiep',
      'Hoograven',
      'Lunetten',
      'Tuindorp',
      'Wittevrouwen',
      'Oog in Al',
      'Terwijde',
      'Rivierenwijk',
      'Transwijk',
      'Tolsteeg',
      'Hoog Catharijne',
      'Voordorp',
      'Dichterswijk',
      'Uithof',
      'Utrecht Science Park',
    ],
    withCity: ['Stad', 'Centraal', 'Noord'],
  },
  // Eindhoven: stadsdelen; the airport lies inside the municipality.
  {
    municipality: 'Eindhoven',
    via: 'district',
    names: [
      'Centrum',
      'Woensel',
      'Woensel-Noord',
      'Woensel-Zuid',
      'Strijp',
      'Strijp-S',
      'Gestel',
      'Stratum',
      'Tongelre',
      'Meerhoven',
      'Eindhoven Airport',
    ],
    withCity: ['Stad', 'Noord', 'Zuid', 'Oost', 'West'],
  },
  // 's-Hertogenbosch: "Den Bosch" is what nearly everyone writes.
  { municipality: "'s-Hertogenbosch", via: 'alias', names: ['Den Bosch'] },
  {
    municipality: "'s-Hertogenbosch",
    via: 'district',
    names: ['Maaspoort', 'De Muntel', 'Boschveld', 'Hintham', 'Empel'],
    withCity: ['Centrum', 'Stad', 'Noord', 'Oost', 'West', 'Zuid'],
  },
  // Groningen: "Stad" is what Groningers call the city; wijken people name.
  {
    municipality: 'Groningen',
    via: 'district',
    names: ['Paddepoel', 'Vinkhuizen', 'Selwerd', 'Beijum', 'Lewenborg', 'Hoogkerk', 'Zernike'],
    withCity: ['Stad', 'Centrum', 'Noord', 'Zuid', 'Oost', 'West'],
  },
  // Other big cities: wijken that stand for the city.
  {
    municipality: 'Almere',
    via: 'district',
    names: [],
    withCity: ['Stad', 'Buiten', 'Haven', 'Poort', 'Hout', 'Pampus', 'Centrum'],
  },
  {
    municipality: 'Tilburg',
    via: 'district',
    names: ['Reeshof'],
    withCity: ['Centrum', 'Noord', 'Zuid', 'West', 'Oost'],
  },
  {
    municipality: 'Breda',
    via: 'district',
    names: ['Haagse Beemden', 'Hoge Vucht'],
    withCity: ['Centrum', 'Noord', 'Zuid'],
  },
  {
    municipality: 'Nijmegen',
    via: 'district',
    names: ['Dukenburg', 'Lindenholt', 'Hatert', 'Waalsprong'],
    withCity: ['Centrum', 'Noord', 'Oost', 'West', 'Zuid'],
  },
  {
    municipality: 'Arnhem',
    via: 'district',
    names: ['Presikhaaf', 'Malburgen', 'Schuytgraaf', 'Klarendal', 'Rijkerswoerd', 'Elderveld'],
    withCity: ['Centrum', 'Noord', 'Zuid', 'Oost'],
  },
  {
    municipality: 'Maastricht',
    via: 'district',
    names: ['Wyck', 'Randwyck', 'Sphinxkwartier', 'Malberg', 'Ceramique'],
    withCity: ['Centrum', 'Oost', 'West', 'Noord', 'Zuid'],
  },
  { municipality: 'Leiden', via: 'district', names: ['Stevenshof', 'Merenwijk'] },
  { municipality: 'Amersfoort', via: 'district', names: ['Vathorst', 'Kattenbroek'] },
  { municipality: 'Zoetermeer', via: 'district', names: ['Rokkeveen', 'Oosterheem', 'Seghwaert'] },
  // Schiphol is a woonplaats of Haarlemmermeer; the airport's long name starts with "Amsterdam".
  {
    municipality: 'Haarlemmermeer',
    via: 'alias',
    names: ['Amsterdam Airport Schiphol', 'Amsterdam Airport', 'Schiphol Airport'],
  },
  // Short forms of long municipality names.
  { municipality: 'Capelle aan den IJssel', via: 'alias', names: ['Capelle'] },
  { municipality: 'Krimpen aan den IJssel', via: 'alias', names: ['Krimpen'] },
  // "Alphen" is two villages elsewhere, but people writing it mean Alphen aan den Rijn (preferred
  // over the villages; a province or "Chaam" in the text still picks a village).
  { municipality: 'Alphen aan den Rijn', via: 'alias', names: ['Alphen'] },
  { municipality: 'Nuenen, Gerwen en Nederwetten', via: 'alias', names: ['Nuenen c.a.'] },
  // Dutch names of Frisian-named municipalities, and the other way round.
  { municipality: 'Súdwest-Fryslân', via: 'alias', names: ['Zuidwest-Friesland'] },
  { municipality: 'Noardeast-Fryslân', via: 'alias', names: ['Noordoost-Friesland'] },
  { municipality: 'De Fryske Marren', via: 'alias', names: ['De Friese Meren'] },
  { municipality: 'Tytsjerksteradiel', via: 'alias', names: ['Tietjerksteradeel'] },
  { municipality: 'Dantumadiel', via: 'alias', names: ['Dantumadeel'] },
  { municipality: 'Leeuwarden', via: 'alias', names: ['Ljouwert'] },
  // Former municipalities (merged since 2018) that people still write; where the old name is a
  // woonplaats in the data it needs no alias.
  { municipality: 'Dijk en Waard', via: 'alias', names: ['Langedijk'] },
  { municipality: 'Maashorst', via: 'alias', names: ['Landerd'] },
  { municipality: 'Land van Cuijk', via: 'alias', names: ['Mill en Sint Hubert'] },
  { municipality: 'Vijfheerenlanden', via: 'alias', names: ['Zederik'] },
  { municipality: 'West Betuwe', via: 'alias', names: ['Lingewaal', 'Neerijnen'] },
  { municipality: 'Altena', via: 'alias', names: ['Aalburg', 'Werkendam', 'Woudrichem'] },
  {
    municipality: 'Hoeksche Waard',
    via: 'alias',
    names: ['Binnenmaas', 'Cromstrijen', 'Korendijk'],
  },
  { municipality: 'Molenlanden', via: 'alias', names: ['Giessenlanden', 'Molenwaard'] },
  { municipality: 'Het Hogeland', via: 'alias', names: ['Eemsmond', 'De Marne'] },
  {
    municipality: 'Noardeast-Fryslân',
    via: 'alias',
    names: ['Dongeradeel', 'Ferwerderadiel', 'Kollumerland'],
  },
  { municipality: 'Beekdaelen', via: 'alias', names: ['Onderbanken'] },
  { municipality: 'Voorne aan Zee', via: 'alias', names: ['Westvoorne', 'Voorne'] },
  { municipality: 'Purmerend', via: 'alias', names: ['Beemster'] },
  { municipality: 'Westerwolde', via: 'alias', names: ['Vlagtwedde', 'Bellingwedde'] },
  { municipality: 'Midden-Groningen', via: 'alias', names: ['Hoogezand-Sappemeer', 'Menterwolde'] },
  { municipality: 'Haarlemmermeer', via: 'alias', names: ['Haarlemmerliede en Spaarnwoude'] },
  {
    municipality: 'Waadhoeke',
    via: 'alias',
    names: ['Franekeradeel', 'Het Bildt', 'Menameradiel'],
  },
  { municipality: 'Leeuwarden', via: 'alias', names: ['Leeuwarderadeel'] },
];

/**
 * Towns whose name several municipalities share, where one is what people mean: a town that was a
 * municipality of its own until recently, or the main town of a municipality named after it. The
 * other candidates stay, so a province or place in the text can still pick them.
 */
export const PREFERRED_TOWNS: readonly { name: string; municipality: string }[] = [
  // Valkenburg aan de Geul (Limburg) over the village Valkenburg in Katwijk.
  { name: 'Valkenburg', municipality: 'Valkenburg aan de Geul' },
  // Rozenburg, a Rotterdam district and municipality until 2010, over a hamlet in Haarlemmermeer.
  { name: 'Rozenburg', municipality: 'Rotterdam' },
  // Haren, part of Groningen since 2019 (municipality until then), over the village near Oss.
  { name: 'Haren', municipality: 'Groningen' },
  // Vianen, a municipality until 2019 (now Vijfheerenlanden), over the village in Land van Cuijk.
  { name: 'Vianen', municipality: 'Vijfheerenlanden' },
  // Winsum, a municipality until 2019 (now Het Hogeland), over the village in Waadhoeke.
  { name: 'Winsum', municipality: 'Het Hogeland' },
];

export interface Province {
  name: string;
  /** The safety regions that make up the province (each lies in exactly one). */
  safetyRegions: readonly string[];
  /** Written out: safe to read anywhere, also in the ad's body text. */
  names: readonly string[];
  /** Short forms: read only in the location field, where "Bergen NH" means the province. */
  abbreviations: readonly string[];
}

export const PROVINCES: readonly Province[] = [
  {
    name: 'Groningen',
    safetyRegions: ['VR01'],
    names: ['Groningen', 'Provincie Groningen'],
    abbreviations: ['Gr', 'Gn', 'Grn', 'Gron'],
  },
  {
    name: 'Fryslân',
    safetyRegions: ['VR02'],
    names: ['Friesland', 'Fryslân', 'Provincie Friesland', 'Provincie Fryslân'],
    abbreviations: ['Fr', 'Frl', 'Fri'],
  },
  {
    name: 'Drenthe',
    safetyRegions: ['VR03'],
    names: ['Drenthe', 'Drente', 'Provincie Drenthe'],
    abbreviations: ['Dr', 'Dre'],
  },
  {
    name: 'Overijssel',
    safetyRegions: ['VR04', 'VR05'],
    names: ['Overijssel', 'Provincie Overijssel'],
    abbreviations: ['Ov', 'Ovl', 'Ovs', 'Ovijs'],
  },
  {
    name: 'Flevoland',
    safetyRegions: ['VR25'],
    names: ['Flevoland', 'Provincie Flevoland'],
    abbreviations: ['Fl', 'Flev', 'Flevo'],
  },
  {
    name: 'Gelderland',
    safetyRegions: ['VR06', 'VR07', 'VR08'],
    names: ['Gelderland', 'Provincie Gelderland'],
    abbreviations: ['Gld', 'Gl', 'Gdl', 'Geld', 'Ge'],
  },
  {
    name: 'Utrecht',
    safetyRegions: ['VR09'],
    names: ['Utrecht', 'Provincie Utrecht'],
    abbreviations: ['Ut', 'Utr'],
  },
  {
    name: 'Noord-Holland',
    safetyRegions: ['VR10', 'VR11', 'VR12', 'VR13', 'VR14'],
    names: ['Noord-Holland', 'N-Holland', 'Provincie Noord-Holland'],
    abbreviations: ['NH', 'N.H.'],
  },
  {
    name: 'Zuid-Holland',
    safetyRegions: ['VR15', 'VR16', 'VR17', 'VR18'],
    names: ['Zuid-Holland', 'Z-Holland', 'Provincie Zuid-Holland'],
    abbreviations: ['ZH', 'Z.H.'],
  },
  {
    name: 'Zeeland',
    safetyRegions: ['VR19'],
    names: ['Zeeland', 'Provincie Zeeland'],
    abbreviations: ['Zl', 'Zld', 'Ze'],
  },
  {
    name: 'Noord-Brabant',
    safetyRegions: ['VR20', 'VR21', 'VR22'],
    names: ['Noord-Brabant', 'Brabant', 'N-Brabant', 'Provincie Noord-Brabant'],
    abbreviations: ['NB', 'N.B.', 'Nbr'],
  },
  {
    name: 'Limburg',
    safetyRegions: ['VR23', 'VR24'],
    names: ['Limburg', 'Provincie Limburg'],
    abbreviations: ['Lb', 'Li', 'Lim', 'Limb'],
  },
];

/**
 * Words that name no single municipality. A location that says only this gets this reason
 * (a place named beside it still wins: "Zwolle, Salland").
 */
export const NOT_PLACES: readonly { reason: string; names: readonly string[] }[] = [
  {
    reason: 'the whole country, not a municipality',
    names: [
      'Nederland',
      'Heel Nederland',
      'Holland',
      'NL',
      'The Netherlands',
      'Netherlands',
      'Niederlande',
      'Pays-Bas',
      'Países Bajos',
      'Olanda',
      'Landelijk',
      'Overal',
    ],
  },
  {
    reason: 'a region of several municipalities, not a municipality',
    names: [
      'Randstad',
      'Twente',
      'Achterhoek',
      'Veluwe',
      'Het Gooi',
      'Gooi',
      'Betuwe',
      'West-Friesland',
      'Westfriesland',
      'Zaanstreek',
      'Bollenstreek',
      'Kempen',
      'De Peel',
      'Rijnmond',
      'Haaglanden',
      'Amsterdam-Amstelland',
      'Drechtsteden',
      'Salland',
      'Liemers',
      'De Liemers',
      'Zeeuws-Vlaanderen',
      'Noord-Limburg',
      'Midden-Limburg',
      'Zuid-Limburg',
      'West-Brabant',
      'Midden-Brabant',
      'Oost-Brabant',
      'Zuidoost-Brabant',
      'Noord-Nederland',
      'Oost-Nederland',
      'Midden-Nederland',
      'Zuid-Nederland',
    ],
  },
  {
    // Places abroad that ads name, in Dutch and in their own spelling; listed so that no typo
    // match makes them Dutch ("Keulen" is one letter from Heulen, "Londen" from Loenen).
    reason: 'a place abroad, not in the Netherlands',
    names: [
      'België',
      'Belgium',
      'Duitsland',
      'Germany',
      'Deutschland',
      'Antwerpen',
      'Brussel',
      'Bruxelles',
      'Brussels',
      'Gent',
      'Luik',
      'Keulen',
      'Köln',
      'Aken',
      'Aachen',
      'Düsseldorf',
      'Essen',
      'Kleef',
      'Emmerik',
      'Hamburg',
      'Frankfurt',
      'München',
      'Berlijn',
      'Berlin',
      'Londen',
      'London',
      'Parijs',
      'Paris',
      'Madrid',
      'Barcelona',
      'Spanje',
      'Dubai',
      'Praag',
      'Wenen',
      'Boedapest',
      'Boekarest',
      'Sofia',
      'Warschau',
      'Kiev',
      'Kyiv',
      'Moskou',
      'Istanbul',
      'Bangkok',
    ],
  },
];

/**
 * Dutch village names that, written alone, are a foreign city far more often than the village
 * (Zurich, a hamlet in Fryslân). With a province or another place beside them they count as Dutch.
 */
export const FOREIGN_HOMONYMS: readonly string[] = [
  'Zurich',
  'Bern',
  'Halle',
  'America',
  'Aalst',
  'Mechelen',
];

/**
 * Town names that are also ordinary words ("best service", "echt", "heel"). In the location field
 * they count only when no other place is named and they are all it says (besides a province) or
 * follow a cue ("regio Best"); in the body text only after a cue.
 */
export const COMMON_WORDS: readonly string[] = [
  'Best',
  'Heel',
  'Een',
  'Hem',
  'Made',
  'Enter',
  'Winkel',
  'Echt',
  'Well',
  'Hall',
  'Hoek',
  'Loon',
  'Veen',
  'Mill',
  'Oranje',
  'Erica',
  'Boer',
  'Lent',
  'Ie',
  'Ees',
  'Hee',
  'Erm',
  'Ane',
  'Elp',
  'Ens',
  'Ell',
  'Est',
  'Eys',
  'Hank',
  'Tuk',
  'Puth',
  'Rijs',
  'Wier',
  'Waal',
  'Kaag',
  'Spui',
  'Broek',
  'Heide',
  'Linde',
  'Esch',
  'Goes',
  'Born',
  'Rien',
  'Amen',
  'Lies',
  'Grave',
  'Thorn',
  'Dorst',
  'Neer',
  'Horn',
  'Dieren',
  'Helden',
  'Linden',
  'Kessel',
  'Handel',
  'Velden',
  'Herten',
  'Spier',
  'Baars',
  'Schijf',
  'Winde',
  'Lage',
  'Elim',
];

/**
 * Municipality and alias names that the body text may use as ordinary words (cheese, verbs,
 * people's names): read from the body only after a cue ("in Gouda"), never bare.
 */
export const NEEDS_CUE_IN_TEXT: readonly string[] = [
  'Sluis',
  'Duiven',
  'Putten',
  'Kampen',
  'Houten',
  'Buren',
  'Laren',
  'Bergen',
  'Beek',
  'Stein',
  'Voorst',
  'Horst',
  'Goor',
  'Haren',
  'Zeeland',
  'Weert',
  'Leiden',
  'Gouda',
  'Edam',
  'Veere',
  'Altena',
  'Delft',
  'Hague',
  'Haag',
  'Alphen',
  'Capelle',
  'Krimpen',
  'Voorne',
  'Berg en Dal',
  'Lombok',
  'Tuindorp',
  'Hoorn',
  'Texel',
  'Waterland',
  'Westland',
  'Mokum',
];

/** Words before a place that mark it as the place of the ad: "nieuw in Zwolle", "regio Utrecht". */
export const CUES: readonly string[] = [
  'in',
  'te',
  'uit',
  'regio',
  'omgeving',
  'omg',
  'omstreken',
  'rond',
  'rondom',
  'bij',
  'nabij',
  'vanuit',
  'buurt',
  'near',
  'around',
  'from',
  'en',
  'cerca de',
  'gemeente',
];
