/**
 * Whether "he" or "she" may stand for a person, as English news writes them: by a title
 * ("Mr.", "Mrs."), a gendered noun beside the name ("spokeswoman Irma Castel", "Smith, a
 * father of three"), or a common given name. Unknown is the usual answer; it excludes no one.
 */
export type Gender = 'm' | 'f';

/** Common given names of English-language news, by the gender they are mostly given to. */
const givenNames = new Map<string, Gender>([
  ...('James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony ' +
    'Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan ' +
    'Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander ' +
    'Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle ' +
    'Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan ' +
    'Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent ' +
    'Ralph Eugene Russell Bobby Mason Philip Louis Barack Bernie Bill Mike Ted Marco Jeb Tim Mitt Newt ' +
    'Rand Rick Ben Tom Jim Dan Bob Rudy Reince Corey Rex Mitch Harry Chuck Lindsey Hugh ' +
    'Dick Ed Al Jon Ken Vladimir Xi Recep Emmanuel Francois Boris Fidel Raul Hassan Abdullah Mohammed ' +
    'Muhammad Ahmed Ali Omar Luis Carlos Jorge Pedro Miguel Antonio Marcus Tony Martin Steve Greg Jeff ' +
    'Doug Phil Matt Nick Andy Howard Stanley Leon Frederick Herbert Kurt Glenn Neil Ray Earl Jimmy Lyndon ' +
    'Ronald Gerald Dwight Franklin Woodrow Abraham Theodore Calvin Herman Marvin Dale Wesley Curtis Derek ' +
    'Trey Reid Harold Elliott Ross Newton Lamar Orrin Mitchell Rob Reggie Darrell Tucker').split(' ')
    .map((name) => [name, 'm'] as const),
  ...('Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra ' +
    'Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura ' +
    'Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine ' +
    'Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia ' +
    'Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa ' +
    'Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle ' +
    'Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Hillary Melania Ivanka ' +
    'Michelle Elizabeth Condoleezza Madeleine Sarah Nikki Carly Huma Donna Debbie Kirsten Tammy Claire Dianne ' +
    'Barbara Loretta Sheryl Oprah Megyn Katy Jill Chelsea Tiffany Marla Ivana Kellyanne Omarosa ' +
    'Angela Theresa Hilary Jane Janet Kamala Elaine Susana Jeanne Mia Ava Maya Sally Wendy Paula Tina Katie ' +
    'Kate Liz Meg Molly Lucy Ellen Erin Holly Marsha Nina Rosa Sonia Susie Valerie Vanessa ' +
    'Yvonne Zoe Alicia Carla Gwen Jeanne Lois Marcia Monica Norma Peggy Phyllis Rita Sylvia Vera Wanda ' +
    'Anne Annie Cecile Connie Joanne Karin Kristen Marianne Mindy Natasha Patty Samantha Stacey').split(' ')
    .map((name) => [name, 'f'] as const),
]);

/** Titles and nouns that tell a person's gender when they stand beside the name. */
const genderedWords = new Map<string, Gender>([
  ...('mr mr. sir lord king prince duke spokesman chairman congressman councilman businessman father husband son ' +
    'brother grandfather uncle nephew man boy gentleman actor widower sheikh emir monsieur herr').split(' ').map((w) => [w, 'm'] as const),
  ...('mrs mrs. ms ms. miss madam lady dame queen princess duchess spokeswoman chairwoman congresswoman councilwoman ' +
    'businesswoman mother wife daughter sister grandmother aunt niece woman girl actress widow madame frau').split(' ').map((w) => [w, 'f'] as const),
]);

/** The gender a given name is mostly given to, if it is a common one. */
export function givenNameGender(name: string): Gender | undefined {
  return givenNames.get(name);
}

/** The gender a title or a noun beside a name tells ("Mrs.", "spokeswoman"), if any. */
export function wordGender(word: string): Gender | undefined {
  return genderedWords.get(word.toLowerCase());
}

/** The gender "he" or "she" asks for; undefined for any other pronoun. */
export function pronounGender(pronoun: string): Gender | undefined {
  const word = pronoun.toLowerCase();
  return word === 'he' || word === 'him' || word === 'his' ? 'm' : word === 'she' || word === 'her' ? 'f' : undefined;
}
