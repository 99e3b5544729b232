/**
 * Dutch (default) and English text. The Dutch dictionary defines the keys; the English one is
 * typed against it, so a missing or misspelt key is a compile error.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, isRole } from './api';

const nl = {
  'app.name': 'Schakel',
  'app.loading': 'Laden…',
  'app.startFailed': 'Schakel kan niet starten.',
  'banner.synthetic':
    'Demo — alle gegevens zijn synthetisch (verzonnen); er staan geen echte personen in.',

  'lang.label': 'Taal',

  'header.skip': 'Naar de inhoud',
  'header.user': 'Ingelogd als',
  'header.roles': 'Rollen',
  'header.logout': 'Uitloggen',

  'nav.label': 'Hoofdnavigatie',
  'nav.ads': 'Advertenties',
  'nav.networks': 'Netwerken',
  'nav.operations': 'Operaties',
  'nav.devices': 'Apparaten',
  'nav.picture': 'Landelijk beeld',
  'nav.admin': 'Beheer',

  'section.ads.intro':
    'Hier komen de verzamelde contactadvertenties, met de telefoonnummers, plaatsen en signalen (indicatoren) die eruit zijn gehaald.',
  'section.networks.intro':
    'Hier komen netwerken: advertenties die met elkaar verbonden zijn door gedeelde telefoonnummers, teksttemplates en foto’s.',
  'section.operations.intro':
    'Hier komen de actiedagen, de toewijzingen aan teams en de controles die op straat zijn uitgevoerd.',
  'section.devices.intro':
    'Hier komen de extracties van in beslag genomen apparaten, met de volledige bewijsketen (chain of custody).',
  'section.picture.intro':
    'Hier komt het landelijk beeld: de signalen en netwerken per politie-eenheid.',
  'section.pending': 'Dit onderdeel is in ontwikkeling.',

  'login.title': 'Inloggen bij Schakel',
  'login.intro':
    'Alleen voor bevoegde medewerkers van de politie. Wat u hier doet, wordt vastgelegd.',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.busy': 'Bezig met inloggen…',
  'login.invalid': 'Onjuiste gebruikersnaam of wachtwoord',
  'login.rateLimited': 'Te veel inlogpogingen. Wacht een minuut en probeer het dan opnieuw.',
  'login.expired': 'Uw sessie is verlopen of beëindigd. Log opnieuw in.',
  'login.loggedOut': 'U bent uitgelogd.',

  'error.unavailable': 'Database niet bereikbaar. Probeer het over enkele ogenblikken opnieuw.',
  'error.network': 'De server is niet bereikbaar. Controleer de verbinding.',
  'error.forbidden': 'U heeft geen toegang tot deze gegevens.',
  'error.csrf': 'De beveiligingscontrole is mislukt. Laad de pagina opnieuw.',
  'error.rateLimited': 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
  'error.notFound': 'Niet gevonden.',
  'error.generic': 'Er ging iets mis: {message}',
  'error.retry': 'Opnieuw proberen',

  'notFound.title': 'Pagina niet gevonden',
  'notFound.text': 'Deze pagina bestaat niet.',
  'notFound.back': 'Naar Advertenties',
  'noAccess.text': 'Alleen beheerders hebben toegang tot deze pagina.',

  'role.analyst': 'Analist',
  'role.operational_lead': 'Operationeel leider',
  'role.field_officer': 'Veldagent',
  'role.forensic_examiner': 'Forensisch onderzoeker',
  'role.national_analyst': 'Landelijk analist',
  'role.auditor': 'Auditor',
  'role.admin': 'Beheerder',

  'admin.intro':
    'Gebruikers, rollen en sessies beheren. Elke wijziging wordt vastgelegd in het audittrail.',
  'admin.users.title': 'Gebruikers',
  'admin.users.empty': 'Er zijn nog geen gebruikers.',
  'admin.col.username': 'Gebruikersnaam',
  'admin.col.displayName': 'Weergavenaam',
  'admin.col.roles': 'Rollen',
  'admin.col.unit': 'Eenheid',
  'admin.col.status': 'Status',
  'admin.col.created': 'Aangemaakt',
  'admin.col.actions': 'Acties',
  'admin.status.active': 'Actief',
  'admin.status.disabled': 'Uitgeschakeld',
  'admin.you': '(u)',
  'admin.disable': 'Uitschakelen',
  'admin.enable': 'Inschakelen',
  'admin.endSessions': 'Sessies beëindigen',
  'admin.selfDisable': 'U kunt uw eigen account niet uitschakelen.',
  'admin.disabledDone': '{user} is uitgeschakeld; alle sessies zijn beëindigd.',
  'admin.enabledDone': '{user} is weer ingeschakeld.',
  'admin.sessionsDone': 'Sessies van {user} beëindigd: {count}.',
  'admin.add.title': 'Gebruiker toevoegen',
  'admin.add.username': 'Gebruikersnaam',
  'admin.add.usernameHint':
    '2–64 tekens: kleine letters, cijfers, punt, streepje of liggend streepje.',
  'admin.add.displayName': 'Weergavenaam',
  'admin.add.displayNameHint': 'Optioneel; zonder weergavenaam wordt de gebruikersnaam gebruikt.',
  'admin.add.password': 'Wachtwoord',
  'admin.add.passwordHint': 'Minimaal 8 tekens.',
  'admin.add.roles': 'Rollen',
  'admin.add.unit': 'Politie-eenheid',
  'admin.add.noUnit': '— Geen eenheid —',
  'admin.add.submit': 'Gebruiker toevoegen',
  'admin.add.busy': 'Bezig met toevoegen…',
  'admin.add.done': 'Gebruiker {user} is toegevoegd.',
  'admin.add.checkFields': 'Controleer de gemarkeerde velden.',
  'admin.add.taken': 'Deze gebruikersnaam is al in gebruik.',
  'admin.matrix.title': 'Rollen en bevoegdheden',
  'admin.matrix.intro':
    'Welke rol welke bevoegdheid geeft. Bevoegdheden staan er met hun code; toegang tot de inhoud van een onderzoek hangt daarnaast af van het lidmaatschap ervan.',
  'admin.matrix.permission': 'Bevoegdheid',
  'admin.matrix.granted': 'Ja',
  'admin.matrix.notGranted': 'Nee',

  'noAccess.ads':
    'U heeft geen toegang tot advertenties. Daarvoor is de bevoegdheid ads.read nodig.',

  'ads.intro':
    'Contactadvertenties zoals ze zijn vastgelegd, met wat eruit is gelezen. Elke raadpleging wordt vastgelegd in het audittrail.',
  'ads.filter.title': 'Zoeken en filteren',
  'ads.filter.q': 'Zoeken',
  'ads.filter.qHint': 'Woorden in titel, naam, plaats of tekst.',
  'ads.filter.source': 'Bron',
  'ads.filter.sourceHint': 'Precies zoals vastgelegd, bijvoorbeeld de naam van de website.',
  'ads.filter.unit': 'Politie-eenheid',
  'ads.filter.allUnits': '— Alle eenheden —',
  'ads.filter.municipality': 'Gemeentecode',
  'ads.filter.municipalityHint': 'CBS-code, bijvoorbeeld GM0193 (Zwolle).',
  'ads.filter.municipalityInvalid': 'Een gemeentecode is GM gevolgd door vier cijfers.',
  'ads.filter.from': 'Gezien vanaf',
  'ads.filter.to': 'Gezien tot en met',
  'ads.filter.dateInvalid': 'Vul een geldige datum in.',
  'ads.filter.dateOrder': 'Deze datum ligt vóór de datum ‘Gezien vanaf’.',
  'ads.filter.phone': 'Telefoonnummer',
  'ads.filter.phoneHint': 'Zoals geschreven, bijvoorbeeld 06 12 34 56 78 of +34 612 345 678.',
  'ads.filter.submit': 'Zoeken',
  'ads.filter.clear': 'Filters wissen',
  'ads.filter.more': 'Meer filters',
  'ads.filter.moreActive': 'Meer filters ({count} in gebruik)',
  'ads.filter.checkFields': 'Controleer de gemarkeerde velden.',
  'ads.results.title': 'Advertenties',
  'ads.results.countOne': '1 advertentie',
  'ads.results.count': '{total} advertenties',
  'ads.results.range': '{first}–{last} van {total}',
  'ads.results.empty': 'Geen advertenties gevonden die aan deze filters voldoen.',
  'ads.results.emptyAll': 'Er zijn nog geen advertenties ingelezen.',
  'ads.results.pastEnd':
    'Deze pagina valt na het einde van de lijst; ga terug naar een vorige pagina.',
  'ads.col.lastSeen': 'Laatst gezien',
  'ads.col.title': 'Titel',
  'ads.col.name': 'Naam',
  'ads.col.place': 'Plaats en eenheid',
  'ads.col.age': 'Leeftijd',
  'ads.col.price': '€/uur',
  'ads.col.captures': 'Vastleggingen',
  'ads.col.source': 'Bron',
  'ads.untitled': '(zonder titel)',
  'ads.unresolved': 'plaats niet herleid',
  'ads.paging.label': 'Pagina’s',
  'ads.paging.previous': 'Vorige',
  'ads.paging.next': 'Volgende',
  'ads.paging.page': 'Pagina {page} van {pages}',

  'ad.heading': 'Advertentie',
  'ad.back': 'Terug naar de lijst',
  'ad.source': 'Bron',
  'ad.sourceId': 'Id bij de bron',
  'ad.url': 'Originele advertentie',
  'ad.newWindow': '(opent in een nieuw venster)',
  'ad.firstSeen': 'Eerst gezien',
  'ad.lastSeen': 'Laatst gezien',
  'ad.location': 'Plaats zoals vermeld',
  'ad.municipality': 'Gemeente',
  'ad.unit': 'Politie-eenheid',
  'ad.age': 'Leeftijd',
  'ad.price': 'Prijs per uur',
  'ad.language': 'Taal',
  'ad.captureCount': 'Vastleggingen',
  'ad.unknown': 'onbekend',
  'ad.extracted.title': 'Gevonden gegevens',
  'ad.extracted.intro':
    'Telefoonnummers en andere contactgegevens uit alle vastleggingen, met wanneer ze voor het eerst en het laatst zijn gezien.',
  'ad.extracted.empty': 'Er zijn geen telefoonnummers of andere contactgegevens gevonden.',
  'ad.extracted.latest': 'Gelezen in de nieuwste vastlegging',
  'ad.id.kind': 'Soort',
  'ad.id.value': 'Gegeven',
  'ad.id.firstSeen': 'Eerst gezien',
  'ad.id.lastSeen': 'Laatst gezien',
  'ad.id.others': 'Advertenties met dit nummer',
  'ad.captures.title': 'Vastleggingen door de tijd',
  'ad.captures.intro':
    'Nieuwste eerst. Gemarkeerd is waar iets uit de tekst is gelezen; wijs een markering aan om te zien wat er is gelezen.',
  'ad.capture.heading': 'Vastlegging {n} van {count}',
  'ad.capture.provenance': 'Herkomst',
  'ad.capture.file': 'Bestand en regel',
  'ad.capture.run': 'Importrun',
  'ad.capture.encoding': 'Tekenset',
  'ad.capture.hash': 'SHA-256',
  'ad.capture.first': 'Eerste vastlegging.',
  'ad.capture.unchanged': 'Niets gewijzigd ten opzichte van de vorige vastlegging.',
  'ad.capture.changed': 'Gewijzigd ten opzichte van de vorige vastlegging:',
  'ad.capture.changedBadge': 'gewijzigd',
  'ad.capture.removed': '(niet meer aanwezig)',
  'ad.capture.fields': 'Velden',
  'ad.capture.read': 'Gelezen',
  'ad.capture.photos': 'Foto’s',
  'ad.capture.noPhotos': 'Geen foto’s.',
  'ad.photo.alt': 'Foto {n} van de vastlegging van {time}',
  'ad.photo.status.stored': 'Opgeslagen',
  'ad.photo.status.missing': 'Ontbreekt',
  'ad.photo.status.unreadable': 'Onleesbaar',
  'ad.photo.status.notFetched': 'Niet opgehaald',
  'ad.photo.status.notRead': 'Niet ingelezen',
  'ad.photo.status.pending': 'Nog niet verwerkt',

  'field.title': 'Titel',
  'field.text': 'Tekst',
  'field.name': 'Naam',
  'field.age': 'Leeftijd',
  'field.location': 'Plaats',
  'field.phone': 'Telefoon',
  'field.price': 'Prijs',
  'field.category': 'Categorie',
  'field.url': 'URL',
  'field.posted_at': 'Geplaatst op',
  'field.contact': 'Contact: {kind}',

  'contact.phone': 'Telefoon',
  'contact.whatsapp': 'WhatsApp',
  'contact.telegram': 'Telegram',
  'contact.snapchat': 'Snapchat',
  'contact.onlyfans': 'OnlyFans',
  'contact.instagram': 'Instagram',
  'contact.website': 'Website',
  'contact.email': 'E-mail',

  'read.place': 'Plaats',
  'read.language': 'Taal',
  'read.age': 'Leeftijd',
  'read.price': 'Prijs',
  'read.services': 'Dienst',
  'read.origins': 'Herkomst',
  'read.none': 'geen',
  'read.languageUnknown': 'onbekend (te weinig tekst)',
  'place.resolved': '{municipality} ({code}), eenheid {unit}',
  'place.via': 'herleid via {via}',
  'place.via.municipality': 'de gemeentenaam',
  'place.via.town': 'de woonplaats',
  'place.via.alias': 'een andere naam of schrijfwijze',
  'place.via.district': 'een wijk of kern',
  'place.via.context': 'de tekst van de advertentie',
  'place.ambiguous': 'niet eenduidig: {candidates}',
  'place.unknown': 'onbekend',
  'origin.latina': 'Latijns-Amerikaans',
  'origin.african': 'Afrikaans',
  'origin.asian': 'Aziatisch',
  'origin.eastern-european': 'Oost-Europees',

  'mark.phone': '{number}',
  'mark.phoneObscured': '{number} (verhuld: {forms})',
  'mark.contact': '{kind}: {value}',
  'mark.age': 'leeftijd {years}',
  'mark.price': '{amount} voor {minutes} min = {perHour} per uur',
  'mark.priceNoDuration': '{amount} (duur onbekend)',
  'mark.service': 'dienst: {code}',
  'mark.origin': 'herkomst: {origin}',
  'mark.place': '{text} → {code} {municipality}, politie-eenheid {unit}',
  'mark.placeAmbiguous': '{text} → niet eenduidig: {candidates} ({reason})',

  'legend.title': 'Legenda',
  'legend.phone': 'Telefoonnummer',
  'legend.contact': 'Contact (WhatsApp, Telegram, e-mail, website …)',
  'legend.age': 'Leeftijd',
  'legend.price': 'Prijs',
  'legend.service': 'Dienst',
  'legend.origin': 'Herkomst',
  'legend.place': 'Plaats',

  'noAccess.networks':
    'U heeft geen toegang tot netwerken. Daarvoor is de bevoegdheid networks.read nodig.',

  'networks.intro':
    'Groepen advertenties met vermoedelijk één adverteerder erachter, verbonden door gedeelde telefoonnummers, contactgegevens, teksttemplates en foto’s. Elk verband is te herleiden tot het bewijs.',
  'networks.filter.title': 'Zoeken en filteren',
  'networks.filter.q': 'Netwerk, advertentie of telefoonnummer',
  'networks.filter.qHint':
    'Een netwerk-id (net-…), het id van een advertentie, of een nummer zoals geschreven (06 12 34 56 78).',
  'networks.filter.unit': 'Politie-eenheid',
  'networks.filter.minUnits': 'Verspreid over',
  'networks.filter.anyUnits': '— Elk aantal eenheden —',
  'networks.filter.atLeastUnits': 'ten minste {count} eenheden',
  'networks.filter.sort': 'Sorteren op',
  'networks.filter.submit': 'Zoeken',
  'networks.sort.ads': 'Meeste advertenties eerst',
  'networks.sort.units': 'Meeste politie-eenheden eerst',
  'networks.sort.lastSeen': 'Laatst gezien, nieuwste eerst',
  'networks.sort.firstSeen': 'Eerst gezien, oudste eerst',
  'networks.results.title': 'Netwerken',
  'networks.results.countOne': '1 netwerk',
  'networks.results.count': '{total} netwerken',
  'networks.results.empty': 'Geen netwerken gevonden die aan deze filters voldoen.',
  'networks.results.emptyAll':
    'Er zijn nog geen netwerken. Ze verschijnen zodra advertenties aan elkaar zijn gekoppeld.',
  'networks.col.id': 'Netwerk',
  'networks.col.ads': 'Advertenties',
  'networks.col.units': 'Politie-eenheden',
  'networks.col.municipalities': 'Gemeenten',
  'networks.col.phones': 'Telefoonnummers',
  'networks.col.names': 'Namen',
  'networks.col.firstSeen': 'Eerst gezien',
  'networks.col.lastSeen': 'Laatst gezien',
  'networks.col.evidence': 'Bewijs',
  'networks.hubMarker': 'hub bevestigd',
  'networks.hubNote':
    'Sommige verbanden in dit netwerk lopen via een hub: een nummer, foto of tekst die in veel meer advertenties voorkomt dan één netwerk aannemelijk heeft (een centrale, stockfoto of standaardtekst). Zo’n hub telde alleen mee omdat dezelfde advertenties ook ander bewijs delen.',

  'network.back': 'Terug naar de netwerken',
  'network.heading': 'Netwerk {id}',
  'network.formerly': 'Voorheen {old}: dat netwerk is samengevoegd in {id}.',
  'network.linkedAt': 'Gekoppeld op',
  'network.mergedFrom': 'Eerdere netwerk-ids',
  'network.hubNotice':
    'Een deel van de verbanden loopt via hubs (veelgedeelde nummers, foto’s of teksten). Die tellen alleen mee waar ander bewijs ze bevestigt; zie de rol in de bewijstabel.',
  'network.members.title': 'Advertenties in dit netwerk',
  'network.members.phones': 'Telefoonnummers',
  'network.graph.title': 'Bewijsgraaf',
  'network.graph.intro':
    'Elke stip is een advertentie, elke lijn een gedeeld gegeven. Wijs een lijn of stip aan om te zien wat ze verbindt; klik om het vast te houden. Zoomen: Ctrl + scrollen of knijpen.',
  'network.graph.label':
    'Bewijsgraaf van {ads} advertenties en {edges} verbanden. De tabel Bewijs hieronder geeft dezelfde verbanden.',
  'network.graph.hint': 'Wijs een lijn of een advertentie in de graaf aan.',
  'network.graph.failed':
    'De graaf kan in deze browser niet worden getekend (WebGL ontbreekt). De tabel Bewijs hieronder bevat dezelfde verbanden.',
  'network.graph.node': 'Advertentie',
  'network.graph.line.strong': 'doorgetrokken: sterk',
  'network.graph.line.corroborated': 'gestreept: bevestigd of hub',
  'network.graph.line.supporting': 'gestreept en licht: ondersteunend',
  'network.evidence.title': 'Bewijs',
  'network.evidence.intro':
    'Elk verband tussen twee advertenties, met zijn rol: sterk (verbindt op zichzelf), bevestigd (telt alleen samen met ander bewijs) of ondersteunend (heeft niets samengevoegd).',
  'network.evidence.empty': 'Er is geen bewijs vastgelegd voor dit netwerk.',
  'network.evidence.col.type': 'Soort',
  'network.evidence.col.ads': 'Advertenties',
  'network.evidence.col.shared': 'Gedeeld',
  'network.evidence.col.weight': 'Gewicht',
  'network.evidence.col.role': 'Rol',
  'network.evidence.and': 'en',
  'network.templates.title': 'Teksttemplates',
  'network.templates.intro':
    'Tekst die de advertenties delen; gemarkeerd zijn de plekken die per advertentie verschillen. Wijs een markering aan of klik erop voor de waarden.',
  'network.templates.empty': 'Deze advertenties delen geen teksttemplate.',
  'network.templates.heading': 'Template {n}: {count} advertenties, gelijkenis {similarity}',
  'network.slot.name': 'naam',
  'network.slot.age': 'leeftijd',
  'network.slot.place': 'plaats',
  'network.slot.price': 'prijs',
  'network.slot.phone': 'telefoon',
  'network.slot.title': '{name}: {values}',
  'network.slot.valuesOf': 'Waarden van {name}',
  'network.photos.title': 'Gedeelde foto’s',
  'network.photos.intro':
    'Dezelfde foto (of een bijna gelijke kopie) in meerdere advertenties, naast elkaar. De afstand zegt hoe sterk de kopie afwijkt: 0 is dezelfde foto.',
  'network.photos.empty': 'Deze advertenties delen geen foto’s.',
  'network.photos.group': 'Foto in {count} advertenties',
  'network.photos.same': 'dezelfde foto',
  'network.movement.title': 'Verplaatsingen',
  'network.movement.intro':
    'Waar de advertenties van dit netwerk per week stonden. Kies een week om de kaart te kleuren naar het aantal advertenties per politie-eenheid.',
  'network.movement.empty': 'Van deze advertenties is geen plaats bekend.',
  'network.movement.week': 'Week',
  'network.movement.weekOf': 'Week {week} (vanaf {start})',
  'network.movement.previous': 'Vorige week',
  'network.movement.next': 'Volgende week',
  'network.movement.municipalities': 'Gemeenten',
  'network.movement.adsCount': '{count} advertenties',
  'network.movement.none': 'geen advertenties',
  'network.movement.mapLabel': 'Kaart van de politie-eenheden, week {week}: {summary}.',
  'network.used.title': 'Gebruikte nummers en namen',
  'network.used.phones': 'Telefoonnummer',
  'network.used.names': 'Naam',
  'network.used.none': 'Geen.',

  'evidence.type.phone': 'Nummer',
  'evidence.type.handle': 'Contact',
  'evidence.type.template': 'Tekst',
  'evidence.type.photo': 'Foto',
  'evidence.role.strong': 'sterk',
  'evidence.role.corroborated': 'bevestigd',
  'evidence.role.supporting': 'ondersteunend',
  'evidence.roleText.strong': 'Verbindt de twee advertenties op zichzelf.',
  'evidence.roleText.corroborated':
    'Telde alleen mee omdat dezelfde twee advertenties ook ander, onafhankelijk bewijs delen.',
  'evidence.roleText.supporting':
    'Heeft niets samengevoegd: de advertenties waren al via ander bewijs verbonden.',
  'evidence.hub': 'hub',
  'evidence.hubText':
    'Hub: dit gegeven komt in veel meer advertenties voor dan één netwerk aannemelijk heeft (een centrale, stockfoto of standaardtekst). Een hub verbindt niet op zichzelf; het telt alleen mee met bevestiging door ander bewijs.',
  'evidence.says.phone': 'zelfde nummer {number}',
  'evidence.says.handle': 'zelfde contact: {kind} {value}',
  'evidence.says.template': 'zelfde teksttemplate, gelijkenis {similarity}',
  'evidence.says.templateNoScore': 'zelfde teksttemplate',
  'evidence.says.photo': 'zelfde foto, afstand {distance}',
  'evidence.says.photoSame': 'zelfde foto, afstand 0 (identiek)',
  'evidence.says.photoNoScore': 'zelfde foto',
  'evidence.similarity': 'gelijkenis {value}',
  'evidence.distance': 'afstand {value}',
  'evidence.weight': 'gewicht {value}',
  'evidence.photoAlt': 'Foto in {ad}',

  'links.title': 'Gelinkt omdat…',
  'links.partOf': 'Onderdeel van netwerk',
  'links.adsOne': '1 advertentie',
  'links.ads': '{count} advertenties',
  'links.intro': 'Per gekoppelde advertentie: wat ze met deze advertentie deelt.',
  'links.none': 'Deze advertentie is (nog) niet aan andere advertenties gekoppeld.',
  'links.noDirect':
    'Deze advertentie deelt zelf niets met een andere; ze hoort via andere advertenties bij het netwerk.',
  'links.noAccess':
    'Waarom deze advertentie gekoppeld is, ziet u met de bevoegdheid networks.read.',
  'links.hubNeedsCorroboration':
    'Hub: veelgedeeld, verbindt niet op zichzelf en telt alleen met ander bewijs.',
  'links.thisAd': 'deze advertentie',

  'nav.triage': 'Triage',
  'noAccess.triage':
    'U heeft geen toegang tot triage en indicatoren. Daarvoor is de bevoegdheid networks.read nodig.',

  'risk.title': 'Risico',
  'risk.intro':
    'Een hulpmiddel om te kiezen waar eerst te kijken, geen bewijs. Elke indicator telt op in log-odds: een positieve bijdrage (▲) verhoogt het risico, een negatieve (▼) verlaagt het. Bij elke bijdrage staat waarop ze berust.',
  'risk.indicatorsLink': 'Over de indicatoren en hun gewichten',
  'risk.notAssessed': 'Nog niet beoordeeld.',
  'risk.notAssessedHow':
    'Het risico wordt berekend met het commando {command}, na het inlezen en koppelen.',
  'risk.noAccess': 'Het risico ziet u met de bevoegdheid networks.read.',
  'risk.value': 'Risico',
  'risk.model': 'Modelversie',
  'risk.assessedAt': 'Berekend op',
  'risk.logit': 'Som in log-odds',
  'risk.contributions.title': 'Bijdragen',
  'risk.col.indicator': 'Indicator',
  'risk.col.weight': 'Gewicht',
  'risk.col.presence': 'Aanwezig in',
  'risk.col.contribution': 'Bijdrage (log-odds)',
  'risk.col.evidence': 'Waarop het berust',
  'risk.baseline': 'Uitgangspunt',
  'risk.baselineText': 'zonder indicatoren',
  'risk.baselineNote': 'Het risico als geen enkele indicator aanwezig is.',
  'risk.total': 'Totaal',
  'risk.totalText': 'geeft een risico van {risk}',
  'risk.up': 'verhoogt',
  'risk.down': 'verlaagt',
  'risk.none': 'Geen indicator gevonden: het risico is het uitgangspunt.',
  'risk.presenceShare': '{count} van {total} advertenties ({share})',
  'risk.presenceNetwork': 'het netwerk als geheel',
  'risk.evidence.in': 'In',
  'risk.marked.title': 'Gemarkeerd in de advertentie',
  'risk.marked.intro':
    'De woorden waarop een indicator afging, in de nieuwste vastlegging. Wijs een markering aan om de indicator te zien.',
  'risk.found.title': 'Netwerkindicatoren gevonden bij het koppelen',
  'risk.found.intro': 'Ze tellen mee zodra het risico is berekend.',
  'risk.notCounted.title': 'Gevonden, telt niet mee',
  'risk.notCounted.intro':
    'Netwerkindicatoren die bij het koppelen zijn gevonden maar niet in dit risico zijn meegeteld.',
  'risk.notCounted.off': 'staat uit',
  'risk.notCounted.notAssessed': 'nog niet beoordeeld',
  'risk.notCounted.notInModel': 'niet in het actieve model',

  'triage.intro':
    'Netwerken en advertenties op volgorde van risico, met de belangrijkste redenen. Het risico helpt kiezen waar eerst te kijken; het is geen bewijs. Wat u besluit, legt u vast met een reden: dat komt in het audittrail.',
  'triage.indicatorsLink': 'Indicatoren, gewichten en eerlijkheid',
  'triage.kind.label': 'Toon',
  'triage.kind.network': 'Netwerken',
  'triage.kind.ad': 'Advertenties',
  'triage.filter.title': 'Filteren',
  'triage.filter.indicator': 'Indicator',
  'triage.filter.anyIndicator': '— Elke indicator —',
  'triage.filter.adIndicators': 'Advertentie-indicatoren',
  'triage.filter.networkIndicators': 'Netwerkindicatoren',
  'triage.filter.reviewed': 'Beoordeling',
  'triage.filter.reviewedAll': 'Alle',
  'triage.filter.reviewedNo': 'Nog niet beoordeeld',
  'triage.filter.reviewedYes': 'Al beoordeeld',
  'triage.filter.submit': 'Filteren',
  'triage.results.title': 'Op volgorde van risico',
  'triage.results.empty': 'Niets gevonden dat aan deze filters voldoet.',
  'triage.results.emptyAll':
    'Er is nog niets beoordeeld. Het risico wordt berekend met het commando {command}, na het inlezen en koppelen.',
  'triage.col.risk': 'Risico',
  'triage.col.ad': 'Advertentie',
  'triage.col.network': 'Netwerk',
  'triage.col.units': 'Politie-eenheden',
  'triage.col.ads': 'Advertenties',
  'triage.inNetwork': 'in netwerk',
  'triage.col.lastSeen': 'Laatst gezien',
  'triage.col.reasons': 'Belangrijkste redenen',
  'triage.col.review': 'Beoordeling',
  'triage.noReasons': 'geen indicator',
  'triage.reason.presence': 'Aanwezig in {share} van de advertenties.',
  'triage.actionsFor': 'Vastleggen voor {label}',

  'review.status.reviewed': 'beoordeeld',
  'review.status.not_relevant': 'niet relevant',
  'review.status.selected': 'geselecteerd voor actiedag',
  'review.action.reviewed': 'Beoordeeld',
  'review.action.not_relevant': 'Niet relevant',
  'review.action.selected': 'Selecteren voor actiedag',
  'review.none': 'nog niet beoordeeld',
  'review.by': '{by}, {at}',
  'review.form.title': '{label}: {status}',
  'review.form.reason': 'Reden',
  'review.form.hint': 'Verplicht. Wordt vastgelegd in het audittrail, met uw naam.',
  'review.form.required': 'Vul een reden in.',
  'review.form.save': 'Vastleggen',
  'review.form.cancel': 'Annuleren',
  'review.form.busy': 'Bezig met vastleggen…',
  'review.done': '{label}: {status} vastgelegd.',

  'indicators.title': 'Indicatoren',
  'indicators.intro':
    'De signalen waarop het risico berust: wat elk betekent, hoe Schakel het vindt, hoe zwaar het telt en op wiens gezag. Een indicator uit- of aanzetten maakt een nieuwe modelversie, wordt vastgelegd in het audittrail en berekent het risico van alle advertenties en netwerken opnieuw.',
  'indicators.back': 'Terug naar triage',
  'indicators.englishNote':
    'Hoe een indicator wordt gevonden en wat de bron zegt, staat er in het Engels, zoals het in de catalogus is vastgelegd.',
  'indicators.ad': 'Advertentie-indicatoren',
  'indicators.adIntro': 'Wat één advertentie zelf laat zien.',
  'indicators.network': 'Netwerkindicatoren',
  'indicators.networkIntro': 'Wat pas blijkt uit een netwerk van advertenties samen.',
  'indicators.code': 'Code',
  'indicators.level': 'Niveau',
  'indicators.level.ad': 'advertentie',
  'indicators.level.network': 'netwerk',
  'indicators.languages': 'Talen van de bewoording',
  'indicators.languagesNone': 'taalonafhankelijk',
  'indicators.detection': 'Hoe gevonden',
  'indicators.defaultWeight': 'Standaardgewicht',
  'indicators.weight': 'Actief gewicht',
  'indicators.source': 'Bron',
  'indicators.source.study': 'onderzoek',
  'indicators.source.signal-list': 'signalenlijst',
  'indicators.source.expert-prior': 'inschatting van deskundigen',
  'indicators.finding': 'Wat de bron zegt',
  'indicators.on': 'aan',
  'indicators.off': 'uit',
  'indicators.switch': 'Telt mee',
  'indicators.confirmOff':
    '{name} uitzetten? Dit wordt vastgelegd in het audittrail; het risico van alle advertenties en netwerken wordt opnieuw berekend onder een nieuwe modelversie.',
  'indicators.confirmOn':
    '{name} weer aanzetten? Dit wordt vastgelegd in het audittrail; het risico van alle advertenties en netwerken wordt opnieuw berekend onder een nieuwe modelversie.',
  'indicators.doOff': 'Uitzetten',
  'indicators.doOn': 'Aanzetten',
  'indicators.cancel': 'Annuleren',
  'indicators.busy': 'Bezig: alles wordt opnieuw berekend…',
  'indicators.doneOff':
    '{name} staat uit. Nieuwe modelversie {model}; opnieuw berekend: advertenties {ads}, netwerken {networks}.',
  'indicators.doneOn':
    '{name} staat weer aan. Nieuwe modelversie {model}; opnieuw berekend: advertenties {ads}, netwerken {networks}.',
  'indicators.noPermission': 'Aan- en uitzetten kan met de bevoegdheid ads.import.',

  'fairness.title': 'Eerlijkheid: het risico per groep',
  'fairness.intro':
    'Het risico hoort een advertentie of netwerk aan te wijzen om wat de advertenties laten zien (iemand anders die schrijft, altijd beschikbaar, een verhuld nummer), niet om wie iemand is of waar zij werkt. Daarom staat hier hoe de scores verdeeld zijn per politie-eenheid en per vermelde nationaliteit of afkomst. Scoort een groep duidelijk hoger of wordt zij vaker gemarkeerd, zoek dan uit welke indicatoren dat veroorzaken voordat u op die scores vertrouwt. De indicator ‘vermelde afkomst’ telt zelf mee: advertenties die een afkomst noemen, scoren daardoor hoger dan ‘geen vermeld’; tussen afkomsten onderling hoort dat verschil er niet te zijn.',
  'fairness.model': 'Berekend onder modelversie {model}.',
  'fairness.byUnit': 'Per politie-eenheid',
  'fairness.byOrigin': 'Per vermelde nationaliteit of afkomst',
  'fairness.byOriginNote': 'Een advertentie die meer afkomsten noemt, telt bij elk daarvan mee.',
  'fairness.col.unit': 'Politie-eenheid',
  'fairness.col.origin': 'Nationaliteit of afkomst',
  'fairness.col.ads': 'Advertenties',
  'fairness.col.mean': 'Gemiddeld',
  'fairness.col.median': 'Mediaan',
  'fairness.col.p90': '90e percentiel',
  'fairness.col.flagged': 'Aandeel risico ≥ 50%',
  'fairness.none': 'geen vermeld',
  'fairness.unknown': 'onbekend',
  'fairness.empty': 'Er zijn nog geen beoordeelde advertenties.',
  'devices.intro':
    'De inbeslaggenomen apparaten van de onderzoeken waarvan u lid bent: wat de extractie bevat, de bewaarketen, en zoeken in alle berichten.',
  'devices.search.label': 'Zoeken in berichten',
  'devices.search.submit': 'Zoeken',
  'devices.search.hits': '{n} berichten met “{q}”',
  'devices.search.none': 'Geen berichten gevonden.',
  'devices.unknownSender': 'onbekende afzender',
  'devices.empty':
    'Nog geen apparaten in uw onderzoeken. Importeer een extractie met schakel device import.',
  'devices.col.item': 'Beslagnummer',
  'devices.col.investigation': 'Onderzoek',
  'devices.col.format': 'Extractie',
  'devices.col.owner': 'Eigen nummers',
  'devices.col.messages': 'Berichten',
  'devices.col.contacts': 'Contacten',
  'devices.col.calls': 'Gesprekken',
  'devices.col.warnings': 'Waarschuwingen',
  'devices.format.android-fs': 'Android (bestandssysteem)',
  'devices.format.ios-fs': 'iOS (bestandssysteem)',
  'devices.format.ufdr': 'Cellebrite UFDR',
  'devices.format.ufed-xml': 'UFED report.xml',
  'devices.format.csv': 'CSV',
  'devices.notImported': 'Nog niet geïmporteerd.',
  'devices.inAds': 'in {n} advertenties',
  'devices.inAds.title': 'Dit nummer staat ook in advertenties',
  'devices.inAds.short': 'nummer in advertenties',
  'device.title': 'Apparaat {item}',
  'device.investigation': 'Onderzoek: {name}',
  'device.tabs': 'Onderdelen van het apparaat',
  'device.tab.overview': 'Overzicht',
  'device.tab.chats': 'Chats',
  'device.tab.contacts': 'Contacten',
  'device.tab.calls': 'Gesprekken',
  'device.tab.timeline': 'Tijdlijn',
  'device.tab.numbers': 'Nummers',
  'device.import': 'Laatste import',
  'device.format': 'Extractie',
  'device.owner': 'Eigen nummers en accounts',
  'device.count.messages': 'Berichten',
  'device.count.chats': 'Chats',
  'device.count.contacts': 'Contacten',
  'device.count.calls': 'Gesprekken',
  'device.count.accounts': 'Accounts',
  'device.count.media': 'Berichten met bijlage',
  'device.warnings': '{n} waarschuwingen: deze delen zijn niet (volledig) gelezen; de rest wel.',
  'device.files': '{n} bronbestanden met SHA-256',
  'device.file': 'Bestand',
  'device.bytes': 'Bytes',
  'device.custody': 'Bewaarketen',
  'device.custody.intro':
    'Inbeslagname → verzegeling → extractie → import → onderzoek; elke stap met wie en wanneer, vastgelegd in de audittrail.',
  'device.custody.add': 'Stap toevoegen',
  'device.custody.note': 'Toelichting (zegelnummer, tool, plaats)',
  'device.custody.submit': 'Vastleggen',
  'custody.seized': 'In beslag genomen',
  'custody.sealed': 'Verzegeld',
  'custody.extracted': 'Geëxtraheerd',
  'custody.imported': 'Geïmporteerd',
  'custody.examined': 'Onderzocht',
  'custody.returned': 'Teruggegeven',
  'device.imports': 'Imports',
  'device.importLine': 'Import {n} door {by} op {at} ({status}, {software})',
  'device.chat.group': 'groep',
  'device.chat.direct': 'één-op-één',
  'device.chat.messages': '{n} berichten',
  'device.chat.pick': 'Kies een chat om de berichten te lezen.',
  'device.contact.name': 'Naam',
  'device.contact.numbers': 'Nummers',
  'device.contact.emails': 'E-mail',
  'device.contact.app': 'App',
  'device.accounts': 'Accounts op het apparaat',
  'device.direction.incoming': 'inkomend',
  'device.direction.outgoing': 'uitgaand',
  'device.direction.missed': 'gemist',
  'device.direction.unknown': 'onbekend',
  'device.call.at': 'Tijd',
  'device.call.direction': 'Richting',
  'device.call.party': 'Andere partij',
  'device.call.seconds': 'Seconden',
  'device.number': 'Nummer',
  'device.number.where': 'Waar op het apparaat',
  'device.number.ads': 'Advertenties',
  'device.role.contact': 'contact',
  'device.role.call': 'gesprek',
  'device.role.chat': 'chat',
  'device.role.message': 'bericht',
  'device.role.owner': 'eigen nummer',
  'device.where': 'Herkomst (bestand · tabel · rij)',
  'device.fromOwner': 'verzonden vanaf dit toestel',
} as const;

export type Key = keyof typeof nl;

const en: Record<Key, string> = {
  'app.name': 'Schakel',
  'app.loading': 'Loading…',
  'app.startFailed': 'Schakel cannot start.',
  'banner.synthetic': 'Demo — all data is synthetic (made up); no real people appear here.',

  'lang.label': 'Language',

  'header.skip': 'Skip to content',
  'header.user': 'Signed in as',
  'header.roles': 'Roles',
  'header.logout': 'Log out',

  'nav.label': 'Main navigation',
  'nav.ads': 'Ads',
  'nav.networks': 'Networks',
  'nav.operations': 'Operations',
  'nav.devices': 'Devices',
  'nav.picture': 'National picture',
  'nav.admin': 'Admin',

  'section.ads.intro':
    'Captured contact ads will appear here, with the phone numbers, places and indicators extracted from them.',
  'section.networks.intro':
    'Networks will appear here: ads linked to each other by shared phone numbers, text templates and photos.',
  'section.operations.intro':
    'Action days, assignments to teams and the controls carried out in the field will appear here.',
  'section.devices.intro':
    'Extractions from seized devices will appear here, with their full chain of custody.',
  'section.picture.intro':
    'The national picture will appear here: indicators and networks per police unit.',
  'section.pending': 'This section is under development.',

  'login.title': 'Log in to Schakel',
  'login.intro': 'For authorised police staff only. What you do here is recorded.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.invalid': 'Incorrect username or password',
  'login.rateLimited': 'Too many login attempts. Wait a minute and try again.',
  'login.expired': 'Your session has expired or was ended. Please log in again.',
  'login.loggedOut': 'You have logged out.',

  'error.unavailable': 'Database unreachable. Please try again in a moment.',
  'error.network': 'The server cannot be reached. Check your connection.',
  'error.forbidden': 'You do not have access to this information.',
  'error.csrf': 'The security check failed. Please reload the page.',
  'error.rateLimited': 'Too many requests. Wait a moment and try again.',
  'error.notFound': 'Not found.',
  'error.generic': 'Something went wrong: {message}',
  'error.retry': 'Try again',

  'notFound.title': 'Page not found',
  'notFound.text': 'This page does not exist.',
  'notFound.back': 'Go to Ads',
  'noAccess.text': 'Only administrators have access to this page.',

  'role.analyst': 'Analyst',
  'role.operational_lead': 'Operational lead',
  'role.field_officer': 'Field officer',
  'role.forensic_examiner': 'Forensic examiner',
  'role.national_analyst': 'National analyst',
  'role.auditor': 'Auditor',
  'role.admin': 'Administrator',

  'admin.intro': 'Manage users, roles and sessions. Every change is recorded in the audit trail.',
  'admin.users.title': 'Users',
  'admin.users.empty': 'There are no users yet.',
  'admin.col.username': 'Username',
  'admin.col.displayName': 'Display name',
  'admin.col.roles': 'Roles',
  'admin.col.unit': 'Police unit',
  'admin.col.status': 'Status',
  'admin.col.created': 'Created',
  'admin.col.actions': 'Actions',
  'admin.status.active': 'Active',
  'admin.status.disabled': 'Disabled',
  'admin.you': '(you)',
  'admin.disable': 'Disable',
  'admin.enable': 'Enable',
  'admin.endSessions': 'End sessions',
  'admin.selfDisable': 'You cannot disable your own account.',
  'admin.disabledDone': '{user} has been disabled; all their sessions have ended.',
  'admin.enabledDone': '{user} has been enabled again.',
  'admin.sessionsDone': 'Sessions of {user} ended: {count}.',
  'admin.add.title': 'Add user',
  'admin.add.username': 'Username',
  'admin.add.usernameHint': '2–64 characters: lower-case letters, digits, dot, dash or underscore.',
  'admin.add.displayName': 'Display name',
  'admin.add.displayNameHint': 'Optional; without one, the username is shown.',
  'admin.add.password': 'Password',
  'admin.add.passwordHint': 'At least 8 characters.',
  'admin.add.roles': 'Roles',
  'admin.add.unit': 'Police unit',
  'admin.add.noUnit': '— No unit —',
  'admin.add.submit': 'Add user',
  'admin.add.busy': 'Adding…',
  'admin.add.done': 'User {user} has been added.',
  'admin.add.checkFields': 'Please check the marked fields.',
  'admin.add.taken': 'This username is already taken.',
  'admin.matrix.title': 'Roles and permissions',
  'admin.matrix.intro':
    'Which role grants which permission. Permissions are shown by their code; access to the content of an investigation also depends on being a member of it.',
  'admin.matrix.permission': 'Permission',
  'admin.matrix.granted': 'Yes',
  'admin.matrix.notGranted': 'No',

  'noAccess.ads': 'You do not have access to ads. This requires the permission ads.read.',

  'ads.intro':
    'Contact ads as they were captured, with what was read from them. Every look-up is recorded in the audit trail.',
  'ads.filter.title': 'Search and filter',
  'ads.filter.q': 'Search',
  'ads.filter.qHint': 'Words in title, name, place or text.',
  'ads.filter.source': 'Source',
  'ads.filter.sourceHint': 'Exactly as captured, for example the name of the website.',
  'ads.filter.unit': 'Police unit',
  'ads.filter.allUnits': '— All units —',
  'ads.filter.municipality': 'Municipality code',
  'ads.filter.municipalityHint': 'CBS code, for example GM0193 (Zwolle).',
  'ads.filter.municipalityInvalid': 'A municipality code is GM followed by four digits.',
  'ads.filter.from': 'Seen from',
  'ads.filter.to': 'Seen up to and including',
  'ads.filter.dateInvalid': 'Enter a valid date.',
  'ads.filter.dateOrder': 'This date is before the ‘Seen from’ date.',
  'ads.filter.phone': 'Phone number',
  'ads.filter.phoneHint': 'As written, for example 06 12 34 56 78 or +34 612 345 678.',
  'ads.filter.submit': 'Search',
  'ads.filter.clear': 'Clear filters',
  'ads.filter.more': 'More filters',
  'ads.filter.moreActive': 'More filters ({count} in use)',
  'ads.filter.checkFields': 'Please check the marked fields.',
  'ads.results.title': 'Ads',
  'ads.results.countOne': '1 ad',
  'ads.results.count': '{total} ads',
  'ads.results.range': '{first}–{last} of {total}',
  'ads.results.empty': 'No ads match these filters.',
  'ads.results.emptyAll': 'No ads have been imported yet.',
  'ads.results.pastEnd': 'This page lies past the end of the list; go back to an earlier page.',
  'ads.col.lastSeen': 'Last seen',
  'ads.col.title': 'Title',
  'ads.col.name': 'Name',
  'ads.col.place': 'Place and unit',
  'ads.col.age': 'Age',
  'ads.col.price': '€/hour',
  'ads.col.captures': 'Captures',
  'ads.col.source': 'Source',
  'ads.untitled': '(untitled)',
  'ads.unresolved': 'place not resolved',
  'ads.paging.label': 'Pages',
  'ads.paging.previous': 'Previous',
  'ads.paging.next': 'Next',
  'ads.paging.page': 'Page {page} of {pages}',

  'ad.heading': 'Ad',
  'ad.back': 'Back to the list',
  'ad.source': 'Source',
  'ad.sourceId': 'Id at the source',
  'ad.url': 'Original ad',
  'ad.newWindow': '(opens in a new window)',
  'ad.firstSeen': 'First seen',
  'ad.lastSeen': 'Last seen',
  'ad.location': 'Place as given',
  'ad.municipality': 'Municipality',
  'ad.unit': 'Police unit',
  'ad.age': 'Age',
  'ad.price': 'Price per hour',
  'ad.language': 'Language',
  'ad.captureCount': 'Captures',
  'ad.unknown': 'unknown',
  'ad.extracted.title': 'Extracted',
  'ad.extracted.intro':
    'Phone numbers and other contact details from all captures, with when they were first and last seen.',
  'ad.extracted.empty': 'No phone numbers or other contact details were found.',
  'ad.extracted.latest': 'Read in the latest capture',
  'ad.id.kind': 'Kind',
  'ad.id.value': 'Value',
  'ad.id.firstSeen': 'First seen',
  'ad.id.lastSeen': 'Last seen',
  'ad.id.others': 'Ads with this number',
  'ad.captures.title': 'Captures over time',
  'ad.captures.intro':
    'Newest first. Highlights show where something was read from the text; point at one to see what was read.',
  'ad.capture.heading': 'Capture {n} of {count}',
  'ad.capture.provenance': 'Provenance',
  'ad.capture.file': 'File and line',
  'ad.capture.run': 'Import run',
  'ad.capture.encoding': 'Encoding',
  'ad.capture.hash': 'SHA-256',
  'ad.capture.first': 'First capture.',
  'ad.capture.unchanged': 'Nothing changed since the previous capture.',
  'ad.capture.changed': 'Changed since the previous capture:',
  'ad.capture.changedBadge': 'changed',
  'ad.capture.removed': '(no longer present)',
  'ad.capture.fields': 'Fields',
  'ad.capture.read': 'Read',
  'ad.capture.photos': 'Photos',
  'ad.capture.noPhotos': 'No photos.',
  'ad.photo.alt': 'Photo {n} of the capture of {time}',
  'ad.photo.status.stored': 'Stored',
  'ad.photo.status.missing': 'Missing',
  'ad.photo.status.unreadable': 'Unreadable',
  'ad.photo.status.notFetched': 'Not fetched',
  'ad.photo.status.notRead': 'Not read in',
  'ad.photo.status.pending': 'Not yet processed',

  'field.title': 'Title',
  'field.text': 'Text',
  'field.name': 'Name',
  'field.age': 'Age',
  'field.location': 'Place',
  'field.phone': 'Phone',
  'field.price': 'Price',
  'field.category': 'Category',
  'field.url': 'URL',
  'field.posted_at': 'Posted at',
  'field.contact': 'Contact: {kind}',

  'contact.phone': 'Phone',
  'contact.whatsapp': 'WhatsApp',
  'contact.telegram': 'Telegram',
  'contact.snapchat': 'Snapchat',
  'contact.onlyfans': 'OnlyFans',
  'contact.instagram': 'Instagram',
  'contact.website': 'Website',
  'contact.email': 'E-mail',

  'read.place': 'Place',
  'read.language': 'Language',
  'read.age': 'Age',
  'read.price': 'Price',
  'read.services': 'Service',
  'read.origins': 'Origin',
  'read.none': 'none',
  'read.languageUnknown': 'unknown (too little text)',
  'place.resolved': '{municipality} ({code}), unit {unit}',
  'place.via': 'resolved via {via}',
  'place.via.municipality': 'the municipality name',
  'place.via.town': 'the town',
  'place.via.alias': 'another name or spelling',
  'place.via.district': 'a district or village',
  'place.via.context': 'the text of the ad',
  'place.ambiguous': 'ambiguous: {candidates}',
  'place.unknown': 'unknown',
  'origin.latina': 'Latin American',
  'origin.african': 'African',
  'origin.asian': 'Asian',
  'origin.eastern-european': 'Eastern European',

  'mark.phone': '{number}',
  'mark.phoneObscured': '{number} (obscured: {forms})',
  'mark.contact': '{kind}: {value}',
  'mark.age': 'age {years}',
  'mark.price': '{amount} for {minutes} min = {perHour} per hour',
  'mark.priceNoDuration': '{amount} (duration unknown)',
  'mark.service': 'service: {code}',
  'mark.origin': 'origin: {origin}',
  'mark.place': '{text} → {code} {municipality}, police unit {unit}',
  'mark.placeAmbiguous': '{text} → ambiguous: {candidates} ({reason})',

  'legend.title': 'Legend',
  'legend.phone': 'Phone number',
  'legend.contact': 'Contact (WhatsApp, Telegram, e-mail, website …)',
  'legend.age': 'Age',
  'legend.price': 'Price',
  'legend.service': 'Service',
  'legend.origin': 'Origin',
  'legend.place': 'Place',

  'noAccess.networks':
    'You do not have access to networks. This requires the permission networks.read.',

  'networks.intro':
    'Groups of ads that probably have one advertiser behind them, linked by shared phone numbers, contact details, text templates and photos. Every link can be traced to its evidence.',
  'networks.filter.title': 'Search and filter',
  'networks.filter.q': 'Network, ad or phone number',
  'networks.filter.qHint':
    'A network id (net-…), an ad id, or a number as written (06 12 34 56 78).',
  'networks.filter.unit': 'Police unit',
  'networks.filter.minUnits': 'Spread over',
  'networks.filter.anyUnits': '— Any number of units —',
  'networks.filter.atLeastUnits': 'at least {count} units',
  'networks.filter.sort': 'Sort by',
  'networks.filter.submit': 'Search',
  'networks.sort.ads': 'Most ads first',
  'networks.sort.units': 'Most police units first',
  'networks.sort.lastSeen': 'Last seen, newest first',
  'networks.sort.firstSeen': 'First seen, oldest first',
  'networks.results.title': 'Networks',
  'networks.results.countOne': '1 network',
  'networks.results.count': '{total} networks',
  'networks.results.empty': 'No networks match these filters.',
  'networks.results.emptyAll': 'There are no networks yet. They appear once ads have been linked.',
  'networks.col.id': 'Network',
  'networks.col.ads': 'Ads',
  'networks.col.units': 'Police units',
  'networks.col.municipalities': 'Municipalities',
  'networks.col.phones': 'Phone numbers',
  'networks.col.names': 'Names',
  'networks.col.firstSeen': 'First seen',
  'networks.col.lastSeen': 'Last seen',
  'networks.col.evidence': 'Evidence',
  'networks.hubMarker': 'hub corroborated',
  'networks.hubNote':
    'Some links in this network run through a hub: a number, photo or text found in far more ads than one network plausibly has (a switchboard, stock photo or common text). Such a hub only counted because the same ads also share other evidence.',

  'network.back': 'Back to the networks',
  'network.heading': 'Network {id}',
  'network.formerly': 'Formerly {old}: that network has been merged into {id}.',
  'network.linkedAt': 'Linked at',
  'network.mergedFrom': 'Earlier network ids',
  'network.hubNotice':
    'Some links run through hubs (widely shared numbers, photos or texts). They only count where other evidence corroborates them; see the role in the evidence table.',
  'network.members.title': 'Ads in this network',
  'network.members.phones': 'Phone numbers',
  'network.graph.title': 'Evidence graph',
  'network.graph.intro':
    'Each dot is an ad, each line a shared detail. Point at a line or dot to see what links them; click to keep it shown. Zoom: Ctrl + scroll or pinch.',
  'network.graph.label':
    'Evidence graph of {ads} ads and {edges} links. The Evidence table below lists the same links.',
  'network.graph.hint': 'Point at a line or an ad in the graph.',
  'network.graph.failed':
    'This browser cannot draw the graph (WebGL is missing). The Evidence table below holds the same links.',
  'network.graph.node': 'Ad',
  'network.graph.line.strong': 'solid: strong',
  'network.graph.line.corroborated': 'dashed: corroborated or hub',
  'network.graph.line.supporting': 'dashed and light: supporting',
  'network.evidence.title': 'Evidence',
  'network.evidence.intro':
    'Every link between two ads, with its role: strong (links on its own), corroborated (counts only together with other evidence) or supporting (merged nothing).',
  'network.evidence.empty': 'No evidence is recorded for this network.',
  'network.evidence.col.type': 'Kind',
  'network.evidence.col.ads': 'Ads',
  'network.evidence.col.shared': 'Shared',
  'network.evidence.col.weight': 'Weight',
  'network.evidence.col.role': 'Role',
  'network.evidence.and': 'and',
  'network.templates.title': 'Text templates',
  'network.templates.intro':
    'Text the ads share; marked are the places that differ per ad. Point at a mark or click it for the values.',
  'network.templates.empty': 'These ads share no text template.',
  'network.templates.heading': 'Template {n}: {count} ads, similarity {similarity}',
  'network.slot.name': 'name',
  'network.slot.age': 'age',
  'network.slot.place': 'place',
  'network.slot.price': 'price',
  'network.slot.phone': 'phone',
  'network.slot.title': '{name}: {values}',
  'network.slot.valuesOf': 'Values of {name}',
  'network.photos.title': 'Shared photos',
  'network.photos.intro':
    'The same photo (or a near copy) in several ads, side by side. The distance says how far a copy differs: 0 is the same picture.',
  'network.photos.empty': 'These ads share no photos.',
  'network.photos.group': 'Photo in {count} ads',
  'network.photos.same': 'the same photo',
  'network.movement.title': 'Movement',
  'network.movement.intro':
    'Where this network’s ads were, week by week. Pick a week to colour the map by the number of ads per police unit.',
  'network.movement.empty': 'No place is known for these ads.',
  'network.movement.week': 'Week',
  'network.movement.weekOf': 'Week {week} (from {start})',
  'network.movement.previous': 'Previous week',
  'network.movement.next': 'Next week',
  'network.movement.municipalities': 'Municipalities',
  'network.movement.adsCount': '{count} ads',
  'network.movement.none': 'no ads',
  'network.movement.mapLabel': 'Map of the police units, week {week}: {summary}.',
  'network.used.title': 'Numbers and names used',
  'network.used.phones': 'Phone number',
  'network.used.names': 'Name',
  'network.used.none': 'None.',

  'evidence.type.phone': 'Number',
  'evidence.type.handle': 'Contact',
  'evidence.type.template': 'Text',
  'evidence.type.photo': 'Photo',
  'evidence.role.strong': 'strong',
  'evidence.role.corroborated': 'corroborated',
  'evidence.role.supporting': 'supporting',
  'evidence.roleText.strong': 'Links the two ads on its own.',
  'evidence.roleText.corroborated':
    'Counted only because the same two ads also share other, independent evidence.',
  'evidence.roleText.supporting':
    'Merged nothing: the ads were already linked through other evidence.',
  'evidence.hub': 'hub',
  'evidence.hubText':
    'Hub: this detail is found in far more ads than one network plausibly has (a switchboard, stock photo or common text). A hub does not link on its own; it counts only when other evidence corroborates it.',
  'evidence.says.phone': 'same number {number}',
  'evidence.says.handle': 'same contact: {kind} {value}',
  'evidence.says.template': 'same text template, similarity {similarity}',
  'evidence.says.templateNoScore': 'same text template',
  'evidence.says.photo': 'same photo, distance {distance}',
  'evidence.says.photoSame': 'same photo, distance 0 (identical)',
  'evidence.says.photoNoScore': 'same photo',
  'evidence.similarity': 'similarity {value}',
  'evidence.distance': 'distance {value}',
  'evidence.weight': 'weight {value}',
  'evidence.photoAlt': 'Photo in {ad}',

  'links.title': 'Linked because…',
  'links.partOf': 'Part of network',
  'links.adsOne': '1 ad',
  'links.ads': '{count} ads',
  'links.intro': 'For each linked ad: what it shares with this ad.',
  'links.none': 'This ad is not (yet) linked to other ads.',
  'links.noDirect':
    'This ad shares nothing directly with another; it belongs to the network through other ads.',
  'links.noAccess': 'Why this ad is linked is shown with the permission networks.read.',
  'links.hubNeedsCorroboration':
    'Hub: widely shared, does not link on its own and counts only with other evidence.',
  'links.thisAd': 'this ad',

  'nav.triage': 'Triage',
  'noAccess.triage':
    'You do not have access to triage and indicators. This requires the permission networks.read.',

  'risk.title': 'Risk',
  'risk.intro':
    'An aid for choosing where to look first, not evidence. Each indicator adds up in log-odds: a positive contribution (▲) raises the risk, a negative one (▼) lowers it. Each contribution shows what it rests on.',
  'risk.indicatorsLink': 'About the indicators and their weights',
  'risk.notAssessed': 'Not assessed yet.',
  'risk.notAssessedHow':
    'The risk is computed with the command {command}, after importing and linking.',
  'risk.noAccess': 'The risk is shown with the permission networks.read.',
  'risk.value': 'Risk',
  'risk.model': 'Model version',
  'risk.assessedAt': 'Assessed at',
  'risk.logit': 'Sum in log-odds',
  'risk.contributions.title': 'Contributions',
  'risk.col.indicator': 'Indicator',
  'risk.col.weight': 'Weight',
  'risk.col.presence': 'Present in',
  'risk.col.contribution': 'Contribution (log-odds)',
  'risk.col.evidence': 'What it rests on',
  'risk.baseline': 'Baseline',
  'risk.baselineText': 'no indicators',
  'risk.baselineNote': 'The risk when no indicator is present.',
  'risk.total': 'Total',
  'risk.totalText': 'gives a risk of {risk}',
  'risk.up': 'raises',
  'risk.down': 'lowers',
  'risk.none': 'No indicator found: the risk is the baseline.',
  'risk.presenceShare': '{count} of {total} ads ({share})',
  'risk.presenceNetwork': 'the network as a whole',
  'risk.evidence.in': 'In',
  'risk.marked.title': 'Marked in the ad',
  'risk.marked.intro':
    'The words an indicator fired on, in the newest capture. Point at a mark to see the indicator.',
  'risk.found.title': 'Network indicators found when linking',
  'risk.found.intro': 'They count once the risk has been computed.',
  'risk.notCounted.title': 'Found, not counted',
  'risk.notCounted.intro': 'Network indicators found when linking that this risk does not count.',
  'risk.notCounted.off': 'switched off',
  'risk.notCounted.notAssessed': 'not assessed yet',
  'risk.notCounted.notInModel': 'not in the active model',

  'triage.intro':
    'Networks and ads in order of risk, with the main reasons. The risk helps to choose where to look first; it is not evidence. What you decide, you record with a reason: it goes into the audit trail.',
  'triage.indicatorsLink': 'Indicators, weights and fairness',
  'triage.kind.label': 'Show',
  'triage.kind.network': 'Networks',
  'triage.kind.ad': 'Ads',
  'triage.filter.title': 'Filter',
  'triage.filter.indicator': 'Indicator',
  'triage.filter.anyIndicator': '— Any indicator —',
  'triage.filter.adIndicators': 'Ad indicators',
  'triage.filter.networkIndicators': 'Network indicators',
  'triage.filter.reviewed': 'Review',
  'triage.filter.reviewedAll': 'All',
  'triage.filter.reviewedNo': 'Not reviewed yet',
  'triage.filter.reviewedYes': 'Already reviewed',
  'triage.filter.submit': 'Filter',
  'triage.results.title': 'In order of risk',
  'triage.results.empty': 'Nothing matches these filters.',
  'triage.results.emptyAll':
    'Nothing has been assessed yet. The risk is computed with the command {command}, after importing and linking.',
  'triage.col.risk': 'Risk',
  'triage.col.ad': 'Ad',
  'triage.col.network': 'Network',
  'triage.col.units': 'Police units',
  'triage.col.ads': 'Ads',
  'triage.inNetwork': 'in network',
  'triage.col.lastSeen': 'Last seen',
  'triage.col.reasons': 'Main reasons',
  'triage.col.review': 'Review',
  'triage.noReasons': 'no indicator',
  'triage.reason.presence': 'Present in {share} of the ads.',
  'triage.actionsFor': 'Record for {label}',

  'review.status.reviewed': 'reviewed',
  'review.status.not_relevant': 'not relevant',
  'review.status.selected': 'selected for an action day',
  'review.action.reviewed': 'Reviewed',
  'review.action.not_relevant': 'Not relevant',
  'review.action.selected': 'Select for action day',
  'review.none': 'not reviewed yet',
  'review.by': '{by}, {at}',
  'review.form.title': '{label}: {status}',
  'review.form.reason': 'Reason',
  'review.form.hint': 'Required. Recorded in the audit trail, with your name.',
  'review.form.required': 'Give a reason.',
  'review.form.save': 'Record',
  'review.form.cancel': 'Cancel',
  'review.form.busy': 'Recording…',
  'review.done': '{label}: {status} recorded.',

  'indicators.title': 'Indicators',
  'indicators.intro':
    'The signals the risk rests on: what each means, how Schakel finds it, how much it weighs and on whose authority. Switching an indicator off or on makes a new model version, is recorded in the audit trail and re-computes the risk of every ad and network.',
  'indicators.back': 'Back to triage',
  'indicators.englishNote': '',
  'indicators.ad': 'Ad indicators',
  'indicators.adIntro': 'What one ad shows by itself.',
  'indicators.network': 'Network indicators',
  'indicators.networkIntro': 'What only shows in a network of ads together.',
  'indicators.code': 'Code',
  'indicators.level': 'Level',
  'indicators.level.ad': 'ad',
  'indicators.level.network': 'network',
  'indicators.languages': 'Languages of the wording',
  'indicators.languagesNone': 'language-independent',
  'indicators.detection': 'How it is found',
  'indicators.defaultWeight': 'Default weight',
  'indicators.weight': 'Active weight',
  'indicators.source': 'Source',
  'indicators.source.study': 'study',
  'indicators.source.signal-list': 'signal list',
  'indicators.source.expert-prior': 'expert prior',
  'indicators.finding': 'What the source says',
  'indicators.on': 'on',
  'indicators.off': 'off',
  'indicators.switch': 'Counts',
  'indicators.confirmOff':
    'Switch off {name}? This is recorded in the audit trail; the risk of every ad and network is re-computed under a new model version.',
  'indicators.confirmOn':
    'Switch {name} back on? This is recorded in the audit trail; the risk of every ad and network is re-computed under a new model version.',
  'indicators.doOff': 'Switch off',
  'indicators.doOn': 'Switch on',
  'indicators.cancel': 'Cancel',
  'indicators.busy': 'Working: re-computing everything…',
  'indicators.doneOff':
    '{name} is off. New model version {model}; re-computed: ads {ads}, networks {networks}.',
  'indicators.doneOn':
    '{name} is on again. New model version {model}; re-computed: ads {ads}, networks {networks}.',
  'indicators.noPermission': 'Switching requires the permission ads.import.',

  'fairness.title': 'Fairness: the risk per group',
  'fairness.intro':
    'The risk should single out an ad or network for what its ads show (someone else writing, always available, an obscured number), not for who someone is or where she works. That is why the distribution of scores is shown here per police unit and per stated nationality or ethnicity. If a group scores clearly higher or is flagged more often, find out which indicators cause it before relying on those scores. The indicator “stated ethnicity” counts itself, so ads that state an origin score higher than “none stated” because of it; between origins that difference should not be there.',
  'fairness.model': 'Computed under model version {model}.',
  'fairness.byUnit': 'Per police unit',
  'fairness.byOrigin': 'Per stated nationality or ethnicity',
  'fairness.byOriginNote': 'An ad stating several origins counts towards each of them.',
  'fairness.col.unit': 'Police unit',
  'fairness.col.origin': 'Nationality or ethnicity',
  'fairness.col.ads': 'Ads',
  'fairness.col.mean': 'Mean',
  'fairness.col.median': 'Median',
  'fairness.col.p90': '90th percentile',
  'fairness.col.flagged': 'Share with risk ≥ 50%',
  'fairness.none': 'none stated',
  'fairness.unknown': 'unknown',
  'fairness.empty': 'No ads have been assessed yet.',
  'devices.intro':
    'The seized devices of the investigations you are a member of: what the extraction holds, the chain of custody, and search across all messages.',
  'devices.search.label': 'Search messages',
  'devices.search.submit': 'Search',
  'devices.search.hits': '{n} messages with “{q}”',
  'devices.search.none': 'No messages found.',
  'devices.unknownSender': 'unknown sender',
  'devices.empty':
    'No devices in your investigations yet. Import an extraction with schakel device import.',
  'devices.col.item': 'Evidence no.',
  'devices.col.investigation': 'Investigation',
  'devices.col.format': 'Extraction',
  'devices.col.owner': 'Own numbers',
  'devices.col.messages': 'Messages',
  'devices.col.contacts': 'Contacts',
  'devices.col.calls': 'Calls',
  'devices.col.warnings': 'Warnings',
  'devices.format.android-fs': 'Android (file system)',
  'devices.format.ios-fs': 'iOS (file system)',
  'devices.format.ufdr': 'Cellebrite UFDR',
  'devices.format.ufed-xml': 'UFED report.xml',
  'devices.format.csv': 'CSV',
  'devices.notImported': 'Not imported yet.',
  'devices.inAds': 'in {n} ads',
  'devices.inAds.title': 'Ads show this number too',
  'devices.inAds.short': 'number in ads',
  'device.title': 'Device {item}',
  'device.investigation': 'Investigation: {name}',
  'device.tabs': 'Parts of the device',
  'device.tab.overview': 'Overview',
  'device.tab.chats': 'Chats',
  'device.tab.contacts': 'Contacts',
  'device.tab.calls': 'Calls',
  'device.tab.timeline': 'Time line',
  'device.tab.numbers': 'Numbers',
  'device.import': 'Latest import',
  'device.format': 'Extraction',
  'device.owner': 'Own numbers and accounts',
  'device.count.messages': 'Messages',
  'device.count.chats': 'Chats',
  'device.count.contacts': 'Contacts',
  'device.count.calls': 'Calls',
  'device.count.accounts': 'Accounts',
  'device.count.media': 'Messages with attachment',
  'device.warnings': '{n} warnings: these parts were not (fully) read; the rest was.',
  'device.files': '{n} source files with SHA-256',
  'device.file': 'File',
  'device.bytes': 'Bytes',
  'device.custody': 'Chain of custody',
  'device.custody.intro':
    'Seized → sealed → extracted → imported → examined; each step with who and when, recorded in the audit trail.',
  'device.custody.add': 'Add a step',
  'device.custody.note': 'Note (seal number, tool, place)',
  'device.custody.submit': 'Record',
  'custody.seized': 'Seized',
  'custody.sealed': 'Sealed',
  'custody.extracted': 'Extracted',
  'custody.imported': 'Imported',
  'custody.examined': 'Examined',
  'custody.returned': 'Returned',
  'device.imports': 'Imports',
  'device.importLine': 'Import {n} by {by} on {at} ({status}, {software})',
  'device.chat.group': 'group',
  'device.chat.direct': 'one-to-one',
  'device.chat.messages': '{n} messages',
  'device.chat.pick': 'Pick a chat to read its messages.',
  'device.contact.name': 'Name',
  'device.contact.numbers': 'Numbers',
  'device.contact.emails': 'E-mail',
  'device.contact.app': 'App',
  'device.accounts': 'Accounts on the device',
  'device.direction.incoming': 'incoming',
  'device.direction.outgoing': 'outgoing',
  'device.direction.missed': 'missed',
  'device.direction.unknown': 'unknown',
  'device.call.at': 'Time',
  'device.call.direction': 'Direction',
  'device.call.party': 'Other party',
  'device.call.seconds': 'Seconds',
  'device.number': 'Number',
  'device.number.where': 'Where on the device',
  'device.number.ads': 'Ads',
  'device.role.contact': 'contact',
  'device.role.call': 'call',
  'device.role.chat': 'chat',
  'device.role.message': 'message',
  'device.role.owner': 'own number',
  'device.where': 'Provenance (file · table · row)',
  'device.fromOwner': 'sent from this device',
};

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const dictionaries: Record<Lang, Record<Key, string>> = { nl, en };
/** Each language named in itself, as a language menu should. */
const LANG_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };
const STORAGE_KEY = 'schakel.lang';

type Params = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: Key, params?: Params) => string;
  /** A role code in the current language; an unknown code is shown as is. */
  roleName: (role: string) => string;
  formatDateTime: (iso: string) => string;
  /** A date alone; a bare `YYYY-MM-DD` is read as that calendar day. */
  formatDate: (iso: string) => string;
  /** An amount in euro, e.g. "€ 150" / "€150". */
  formatEuro: (amount: number) => string;
  formatNumber: (value: number) => string;
  /** An ISO 639-1 language code as a name in the current language ("nl" → "Nederlands"). */
  languageName: (code: string) => string;
  /** An ISO 3166 country code as a name in the current language ("CO" → "Colombia"). */
  regionName: (code: string) => string;
  /** A failed API call as a sentence for the user. */
  errorText: (error: unknown) => string;
}

function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === 'nl' || value === 'en') return value;
  } catch {
    // Storage can be blocked (private mode, policy): fall back to Dutch.
  }
  return 'nl';
}

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

function displayNames(lang: Lang, type: 'language' | 'region'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang], { type, fallback: 'code' });
  } catch {
    return null;
  }
}

/** The name of a code, or the code itself when the browser does not know it. */
function nameOf(names: Intl.DisplayNames | null, code: string): string {
  try {
    return names?.of(code) ?? code;
  } catch {
    // A malformed code (RangeError): show it as it is.
    return code;
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[lang];
    const t = (key: Key, params?: Params) => interpolate(dictionary[key], params);
    const dateFormat = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const calendarDayFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
    const euroFormat = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    });
    const numberFormat = new Intl.NumberFormat(locale);
    const languageNames = displayNames(lang, 'language');
    const regionNames = displayNames(lang, 'region');
    return {
      lang,
      setLang,
      t,
      roleName: (role) => (isRole(role) ? t(`role.${role}`) : role),
      formatDateTime: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
      },
      formatDate: (iso) => {
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) return iso;
        return (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? calendarDayFormat : dayFormat).format(date);
      },
      formatEuro: (amount) => euroFormat.format(amount),
      formatNumber: (value) => numberFormat.format(value),
      languageName: (code) => nameOf(languageNames, code),
      regionName: (code) => nameOf(regionNames, code),
      errorText: (error) => {
        if (!(error instanceof ApiError)) {
          return t('error.generic', { message: error instanceof Error ? error.message : '?' });
        }
        if (error.status === 503 || error.code === 'unavailable') return t('error.unavailable');
        if (error.status === 0) return t('error.network');
        if (error.code === 'csrf') return t('error.csrf');
        if (error.status === 403) return t('error.forbidden');
        if (error.status === 404) return t('error.notFound');
        if (error.status === 429) return t('error.rateLimited');
        return t('error.generic', { message: error.message });
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The NL/EN switch, shown in the header and on the login page. */
export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-toggle" role="group" aria-label={t('lang.label')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          title={LANG_NAMES[code]}
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
