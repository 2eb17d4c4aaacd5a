import type { YamlPathSegment } from '../../workspace/parse-yaml-file.ts';
import { isFixedTemplateVariable, templateVariables } from '../tone/index.ts';
import type { FlowIssue } from './check-flow-file.ts';
import type { FileStep } from './flow-file.schema.ts';
import { forEachCondition, listStepTexts } from './list-step-texts.ts';
import { isDataTemplateVariable } from './render-data-template.ts';

type Path = YamlPathSegment[];

/** Template variables: slots that no earlier step could fill, unknown templates, misspelt names. */
export function checkStepVariables(
  step: FileStep,
  at: Path,
  known: ReadonlySet<string>,
  options: { templateNames: readonly string[] },
): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const error = (path: Path, message: string): void => void issues.push({ path, message, severity: 'error' });
  const templates = new Set(options.templateNames);
  const checkSlot = (path: Path, name: string, where: string): void => {
    if (!known.has(`slot:${name}`)) {
      error(path, `unknown slot "${name}" in ${where}: no earlier ask, choose, call map or set fills it`);
    }
  };

  const texts = listStepTexts(step, at);
  for (const [path, text] of texts.localized) {
    for (const [language, template] of Object.entries(text)) {
      for (const variable of templateVariables(template)) {
        const [root, name, field, ...rest] = variable.split('.');
        const where = `{{${variable}}}`;
        if (root === 'slots' && name !== undefined) {
          if (rest.length > 0 || (field !== undefined && field !== 'value' && field !== 'display')) {
            error([...path, language], `unknown variable ${where}; write {{slots.${name}}} or {{slots.${name}.value}}`);
          } else checkSlot([...path, language], name, where);
        } else if (root === 'templates' && name !== undefined && field === undefined) {
          if (!templates.has(name)) error([...path, language], `unknown template ${where}; workspace.yaml templates has no "${name}"`);
        } else if (!isFixedTemplateVariable(variable)) {
          error([...path, language], `unknown variable ${where}`);
        }
      }
    }
  }

  for (const [path, template] of texts.data) {
    for (const variable of templateVariables(template)) {
      const [root, name] = variable.split('.');
      if (!isDataTemplateVariable(variable)) {
        error(
          path,
          `unknown variable {{${variable}}}; calls and set use slots.NAME, slots.NAME.display, contact.id, contact.name or contact.attributes.NAME`,
        );
      } else if (root === 'slots' && name !== undefined) checkSlot(path, name, `{{${variable}}}`);
    }
  }

  if ('branch' in step) {
    step.branch.forEach((rule, r) => {
      if (!rule.when) return;
      forEachCondition(rule.when, [...at, 'branch', r, 'when'], (condition, path) => {
        if ('slot' in condition) checkSlot([...path, 'slot'], condition.slot, 'a branch condition');
      });
    });
  }
  if ('choose' in step && step.choose.optionsFrom && !known.has(`data:${step.choose.optionsFrom.data}`)) {
    const name = step.choose.optionsFrom.data;
    error([...at, 'choose', 'optionsFrom', 'data'], `unknown data "${name}": no earlier call keeps it with mapData`);
  }
  return issues;
}
