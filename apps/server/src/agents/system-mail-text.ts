export type SystemMailKind = 'invite' | 'password_reset';

export interface SystemMailText {
  subject: string;
  text: string;
}

/** pt-BR first; English for people (or workspaces) that read English or anything else we lack. */
export function pickMailLanguage(userLocale: string | null, workspaceDefault: string): 'pt-BR' | 'en' {
  const wanted = (userLocale ?? workspaceDefault).toLowerCase();
  return wanted.startsWith('pt') ? 'pt-BR' : 'en';
}

/** The texts of Fio's own e-mails to people of a workspace (never to customers). Plain text: no HTML to escape. */
export function systemMailText(
  kind: SystemMailKind,
  language: 'pt-BR' | 'en',
  vars: { workspaceName: string; link: string; inviterName: string | null },
): SystemMailText {
  const { workspaceName, link, inviterName } = vars;
  if (kind === 'invite') {
    return language === 'pt-BR'
      ? {
          subject: `Convite para a caixa de entrada de ${workspaceName}`,
          text: [
            'Olá!',
            '',
            `${inviterName ?? 'Uma pessoa administradora'} convidou você para atender clientes de ${workspaceName} no Fio.`,
            'Para aceitar, escolha seu nome e uma senha neste link (válido por 7 dias):',
            '',
            link,
            '',
            'Se você não esperava este convite, pode ignorar este e-mail.',
          ].join('\n'),
        }
      : {
          subject: `You are invited to the ${workspaceName} inbox`,
          text: [
            'Hello!',
            '',
            `${inviterName ?? 'An admin'} invited you to answer ${workspaceName}'s customers in Fio.`,
            'To accept, choose your name and a password at this link (valid for 7 days):',
            '',
            link,
            '',
            'If you did not expect this invitation, you can ignore this e-mail.',
          ].join('\n'),
        };
  }
  return language === 'pt-BR'
    ? {
        subject: `Redefinição de senha — ${workspaceName}`,
        text: [
          'Olá!',
          '',
          `Recebemos um pedido para redefinir a sua senha da caixa de entrada de ${workspaceName}.`,
          'Para escolher uma nova senha, abra este link (válido por 1 hora, uma única vez):',
          '',
          link,
          '',
          'Se não foi você, ignore este e-mail: a sua senha continua a mesma.',
        ].join('\n'),
      }
    : {
        subject: `Password reset — ${workspaceName}`,
        text: [
          'Hello!',
          '',
          `We received a request to reset your password for the ${workspaceName} inbox.`,
          'To choose a new password, open this link (valid for 1 hour, once):',
          '',
          link,
          '',
          'If this was not you, ignore this e-mail: your password stays the same.',
        ].join('\n'),
      };
}
