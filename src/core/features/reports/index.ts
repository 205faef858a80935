/** Reports of a check for code review and CI tools: SARIF, GitHub annotations, JUnit XML, GitLab code quality. */
export { reportedProblems, countLevels, rootRelativeFile, srcRoot, type ReportedProblem, type ReportFile, type ReportLevel, type ReportOptions } from './problems';
export { sarifLog, sarifLevel, sarifSchema, type SarifLog, type SarifInput } from './sarif';
export { githubAnnotations, escapeData, escapeProperty } from './github';
export { junitReport } from './junit';
export { gitlabCodeQuality, type CodeQualityIssue } from './gitlab';
