import { AppError } from '../common/errors/app-error';
import type { DiplomaTemplate } from './diploma/template';
import { NoTemplateError, templateFor } from './diploma/templates';

/** PRINT-9: the template in force, or a 409 naming the type and date when none is. */
export function templateOrRefuse(credentialType: string, on: string): DiplomaTemplate {
  try {
    return templateFor(credentialType, on);
  } catch (e) {
    if (!(e instanceof NoTemplateError)) throw e;
    throw new AppError('PRINT_NOT_POSSIBLE', e.message, {
      errors: [{ field: 'credentialType', code: 'NO_TEMPLATE', message: e.message }],
    });
  }
}
