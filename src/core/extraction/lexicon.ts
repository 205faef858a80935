/**
 * Word lists the extraction rules share. They describe English news and policy prose in
 * general; none is tuned to one article.
 */

/** Verbs that attribute speech or writing, in the forms news prose uses. */
export const speechVerbs = new Set(
  ('said says say saying told tells tell telling added adds asked asks stated states wrote writes ' +
    'tweeted tweets posted explained explains noted notes argued argues claimed claims insisted insists ' +
    'declared declares continued continues recalled recalls replied replies responded responds warned warns ' +
    'announced announces acknowledged acknowledges admitted admits conceded concedes suggested suggests ' +
    'urged urges predicted predicts promised promises vowed vows pledged pledges stressed stresses ' +
    'emphasized emphasised emphasizes emphasises maintained maintains contended contends countered counters ' +
    'remarked remarks observed observes commented comments described describes called calls charged charges ' +
    'alleged alleges complained complains boasted boasts joked jokes quipped quips shouted shouts yelled ' +
    'yells told tells testified testifies confirmed confirms denied denies reported reports revealed reveals ' +
    'disclosed discloses mused muses concluded concludes cautioned cautions agreed agrees added adds ' +
    'explained reiterated reiterates lamented laments asserted asserts proclaimed proclaims wondered wonders ' +
    'recounted recounts told informed informs assured assures ruled rules reads ' +
    // Manners of speaking, which news prose uses right after a quotation ("“…?” he pressed").
    'pressed presses barked barks fumed fumes echoed echoes chanted chant chants shouted surmised surmises ' +
    'snapped snaps scoffed scoffs sneered laughed laughs exclaimed exclaims interjected interjects ' +
    'interrupted opined opines chimed demanded demands pleaded pleads begged begs whispered whispers ' +
    'muttered mutters roared roars screamed screams gushed gushes raved raves marveled marvelled marvels ' +
    'ventured ventures teased teases taunted taunts retorted retorts rejoined quipped mocked mocks ' +
    'joked sighed sighs groaned groans cheered cheers tweeted texted emailed messaged blogged posted questioned cried ' +
    'write say tell ask add explain note argue claim insist declare warn announce acknowledge admit ' +
    'saying telling adding asking writing tweeting explaining noting arguing claiming insisting ' +
    'declaring warning announcing adding describing calling' ).split(/\s+/),
);

/** Of the speech verbs, those that rarely mean anything else and so may start reported speech without "that". */
export const strongReportingVerbs = new Set(
  ('said says told tells added adds stated states wrote writes tweeted tweets explained explains noted notes ' +
    'argued argues claimed claims insisted insists declared declares warned warns announced announces ' +
    'acknowledged acknowledges admitted admits stressed stresses maintained maintains contended contends ' +
    'alleged alleges confirmed confirms testified testifies reiterated reiterates asserted asserts').split(/\s+/),
);

/** Words that may stand between a subject and its speech verb ("has said", "also told"). */
export const auxiliaries = new Set(
  ('has have had also later then previously earlier recently once again would will has had is was ' +
    'reportedly repeatedly publicly privately further subsequently separately simply just ' +
    'still never often always even now too').split(/\s+/),
);

export const personalPronouns = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);

/** Connectors allowed inside a proper name ("Ministry of Industry and Information Technology"). */
export const nameConnectors = new Set(['of', 'for', 'and', 'the', 'de', 'van', 'von', 'der', 'la', 'le', 'on', '&', 'du', 'da', 'al', 'bin', 'y']);

/** Capitalised words that begin sentences or titles but are not names. */
export const notNames = new Set(
  ('The A An This That These Those It He She They We I You His Her Their Our Its But And Or So Yet If When While ' +
    'However Meanwhile Still Also Then There Here In On At For From With Without By As After Before Since Until ' +
    'Although Though Because According Last Next Earlier Later Monday Tuesday Wednesday Thursday Friday Saturday ' +
    'Sunday Mr Mrs Ms Dr What Why How Who Where Which Yes No Now Today Yesterday Tomorrow One Some Many Most ' +
    'Even Just Only Not Photo Image Despite During Under Over Amid Among Like Unlike Through Throughout ' +
    'Across Against Beyond Besides Via Per Upon Within Inside Outside Along Around Behind Between Near Toward ' +
    'Towards Whether Once Instead Indeed Perhaps Maybe Both Each Every Either Neither Such Asked Speaking ' +
    'Wait Well Yes Oh Read Watch Related Update Updated Editor Note ' +
    // Words that open a sentence before a comma ("Sure, he admits …") and name no one.
    'Sure Okay OK Look Listen Actually Basically Certainly Clearly Obviously Frankly Honestly Seriously ' +
    'Sadly Fortunately Unfortunately Hopefully Ironically Interestingly Notably Similarly Likewise ' +
    'Nonetheless Nevertheless Regardless Otherwise Anyway Besides Plus Specifically Additionally ' +
    'Furthermore Moreover Ultimately Overall Lastly Finally Again').split(/\s+/),
);

/** Titles that may precede a name and belong to the mention ("Sen. Tim Kaine", "President Obama"). */
export const nameTitles = new Set(
  ('Mr Mrs Ms Miss Dr Prof Sen Senator Rep Representative Gov Governor President Vice Secretary Minister ' +
    'Premier Chancellor Judge Justice Gen General Col Lt Sgt Capt Mayor Chairman Chairwoman Chair Director ' +
    'Ambassador Speaker Leader Spokesman Spokeswoman Rev Sir Dame Lord Lady King Queen Prince Princess Pope ' +
    'Chief Commissioner Attorney Officer Professor Candidate Nominee').split(/\s+/),
);

/** Head nouns of short references to organisations and people ("the ministry", "a spokeswoman"). */
export const referenceNouns = new Set(
  ('ministry department agency company firm government administration campaign committee commission ' +
    'council court group organisation organization office bureau authority authorities regulator regulators ' +
    'spokesman spokeswoman spokesperson official officials statement report study survey poll police ' +
    'party union association foundation institute center centre network newspaper paper website site ' +
    'senator governor president candidate nominee lawmaker lawmakers minister secretary chairman director ' +
    'founder researcher researchers analyst analysts expert experts source sources aide aides adviser advisers ' +
    'advisor advisors spokesperson representative representatives lawyer lawyers attorney prosecutor prosecutors ' +
    'team board bank fund service services platform rules regulation regulations law document documents ' +
    'letter memo press release tweet post notice white house kremlin pentagon state ' +
    'congressman congresswoman congressmen legislator legislators councilman councilwoman sheriff organizer organizers ' +
    'spokespeople physician percent majority prosecutor commissioner commissioners mayor judge justice chief governors senators candidates ' +
  'brief').split(/\s+/),
);

/** Auxiliaries and copulas that show where a clause's verb begins ("Smith has …", "the law is …"). */
export const finiteAuxiliaries = new Set(
  ('is was are were has have had would will can could should may might must did does do shall ' +
    'wants wanted seems seemed appears appeared').split(/\s+/),
);

/** Irregular past tenses, which do not end in -ed but report speech right after a quotation. */
export const pastTenseVerbs = new Set(
  ('said told wrote spoke thought began went took made gave got came felt knew saw found kept held left ' +
    'brought sent put read ran won lost sang shot struck stood fought taught meant swore sought bade ' +
    'understood forgot overheard retold rewrote underwrote withdrew undertook became ' +
    'threw drew grew led met paid sold built bought caught fell rose shook spent chose broke drove ' +
    'stole wore hid bore sank swung spun slid lent dealt').split(/\s+/),
);

/**
 * Head nouns of descriptions that stand for a speaker: people, groups of people, organisations,
 * documents and outlets ("a spokeswoman for the ministry", "one survey respondent", "the report").
 */
export const speakerNouns = new Set([...referenceNouns, ...(
  'scientist scientists economist economists professor professors doctor doctors researcher author authors ' +
  'writer writers editor editors reporter reporters journalist journalists correspondent columnist critic critics ' +
  'officer officers commander commanders leader leaders member members manager managers executive executives ' +
  'ceo chief engineer engineers developer developers user users resident residents witness witnesses ' +
  'voter voters protester protesters demonstrator demonstrators supporter supporters opponent opponents ' +
  'activist activists student students teacher teachers worker workers employee employees staffer staffers ' +
  'person people man men woman women boy boys girl girls child children mother father son daughter wife husband ' +
  'brother sister grandfather grandmother uncle aunt friend friends neighbour neighbours neighbor neighbors ' +
  'owner owners fan fans player players coach manager respondent respondents participant participants ' +
  'patient patients victim victims survivor survivors veteran veterans delegate delegates donor donors ' +
  'observer observers insider insiders strategist strategists consultant consultants pollster pollsters ' +
  'historian historians scholar scholars judge judges justice justices mayor speaker chair chairwoman ' +
  'host hosts anchor moderator narrator crowd audience family couple farmer farmers customer customers ' +
  'ministry ministers army military navy ' +
  'magazine outlet channel broadcaster agency newspaper daily journal blog school university college ' +
  'ruling decision order bill act treaty declaration filing complaint lawsuit indictment transcript article ' +
  'book essay editorial column op-ed announcement release bylaws charter constitution platform ' +
  'businessman businesswoman businessmen entrepreneur billionaire mogul niece nephew cousin missive'
).split(/\s+/)]);

/**
 * Degrees, post-nominal letters and generational suffixes that follow a name after a comma
 * ("Martin Ashdown, MD, said"); they are part of no one's name on their own.
 */
export const nameSuffixes = new Set(
  ('MD M.D. PhD Ph.D. DO D.O. RN MPH MBA MA M.A. MS MSc BSc BA B.A. JD J.D. LLM DDS DMD DVM PharmD PsyD EdD ' +
    'CPA FRCP FACP FAAP OBE MBE CBE KBE QC KC Esq Esq. Jr Jr. Sr Sr. II III IV').split(/\s+/),
);

/** Verbs of speech that open an inverted sentence, the speaker after them ("Said Ana Wells, …", "Continued Okafor: “…”"). */
export const openingVerbs = /^(?:Said|Says|Added|Adds|Asked|Wrote|Writes|Explained|Recalled|Noted|Stated|States|Continued|Continues|Concluded|Replied|Responded|Declared|Warned|Insisted)$/;
