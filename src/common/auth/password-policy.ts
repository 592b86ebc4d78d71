export interface PasswordProblem {
  code: string;
  message: string;
}

/** A staff password: at least 10 characters, letters and digits, not the username. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 10) problems.push({ code: 'TOO_SHORT', message: 'at least 10 characters' });
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) {
    problems.push({ code: 'TOO_SIMPLE', message: 'must contain letters and digits' });
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ code: 'CONTAINS_USERNAME', message: 'must not contain the username' });
  }
  return problems;
}
