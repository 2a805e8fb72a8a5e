/**
 * Inputs for the import benchmark: `count` documents of each format, generated from the
 * test fixtures with a different title, date and timeline per document (the .docx files
 * are copies of the fixture: building Word files needs a zip writer the bench does not have;
 * the Notion pages are the fixture's page with its image link left dangling).
 */
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const pad = (value) => String(value).padStart(2, '0');
const dateOf = (index) => `20${pad(10 + (index % 14))}-${pad(1 + (index % 12))}-${pad(1 + (index % 28))}`;
const timeOf = (index, offset) => `${pad((index + offset) % 24)}:${pad((index * 7 + offset * 13) % 60)}`;

export async function generateImports({ fixtures, out, count }) {
  await rm(out, { recursive: true, force: true });
  const dirs = {};
  const dir = async (name) => {
    dirs[name] = join(out, name);
    await mkdir(dirs[name], { recursive: true });
    return dirs[name];
  };

  const html = await readFile(join(fixtures, 'google-docs', 'checkout-outage.html'), 'utf8');
  const htmlDir = await dir('html');
  await cp(join(fixtures, 'google-docs', 'images'), join(htmlDir, 'images'), { recursive: true });
  for (let index = 0; index < count; index++) {
    const page = html
      .replace('Checkout API returns 502 after a config push', `Incident ${index}: service ${index % 37} returns errors`)
      .replace('2024-09-20', dateOf(index))
      .replace('11:21', timeOf(index, 1))
      .replace('11:32', timeOf(index, 2))
      .replace('12:05', timeOf(index, 3));
    await writeFile(join(htmlDir, `doc-${index}.html`), page);
  }

  const docxDir = await dir('docx');
  for (let index = 0; index < count; index++) await copyFile(join(fixtures, 'docx', 'order-queue-backlog.docx'), join(docxDir, `doc-${index}.docx`));

  const csvRows = ['Incident,Date,Severity,Service,Category,Summary,Root cause,Action items,On-call'];
  for (let index = 0; index < count; index++) {
    csvRows.push(
      `Incident ${index} on service ${index % 37},${dateOf(index)},SEV${1 + (index % 4)},svc-${index % 37},config-change,"Errors for ${index % 90} minutes.","A bad push, number ${index}.","- [ ] Fix ${index} @ops",person-${index % 11}`,
    );
  }
  await writeFile(join(await dir('csv'), 'incidents.csv'), `${csvRows.join('\n')}\n`);

  // A Notion export: the database CSV (`_all`) and one page per row in the folder beside it.
  const notionDir = await dir('notion');
  const database = 'Postmortems 6a1e0c3b9f2d4e8a8b7c5d4e3f2a1b0c';
  const page = await readFile(join(fixtures, 'notion', database, 'Checkout 502s after LB config push 2f9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a.md'), 'utf8');
  const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const notionDateOf = (index) => {
    const [year, month, day] = dateOf(index).split('-').map(Number);
    return `${monthNames[month - 1]} ${day}, ${year}`;
  };
  await mkdir(join(notionDir, database), { recursive: true });
  const notionRows = ['\ufeffName,Date,Severity,Status,Services,Root cause category,Owner,Customer impact'];
  for (let index = 0; index < count; index++) {
    const title = `Incident ${index} on service ${index % 37}`;
    notionRows.push(`${title},"${notionDateOf(index)}",SEV${1 + (index % 4)},Final,svc-${index % 37},Config change,person-${index % 11},Yes`);
    const id = index.toString(16).padStart(32, '0');
    const text = page
      .replace('# Checkout 502s after LB config push', `# ${title}`)
      .replace('Date: September 20, 2024', `Date: ${notionDateOf(index)}`)
      .replace('| 11:21 ', `| ${timeOf(index, 1)} `)
      .replace('| 11:32 ', `| ${timeOf(index, 2)} `)
      .replace('| 12:05 ', `| ${timeOf(index, 3)} `);
    await writeFile(join(notionDir, database, `${title} ${id}.md`), text);
  }
  await writeFile(join(notionDir, `${database}_all.csv`), `${notionRows.join('\n')}\n`);

  const body = (index) =>
    `## Summary\n\nIncident ${index}.\n\n## Timeline\n\n- ${timeOf(index, 1)} UTC INCIDENT BEGINS: errors\n- ${timeOf(index, 2)} UTC INCIDENT ENDS: fixed\n\n## Action items\n\n- [ ] Follow up ${index} @ops\n`;
  const github = [];
  const githubComments = [];
  const gitlab = [];
  const gitlabNotes = [];
  for (let index = 0; index < count; index++) {
    const url = `https://api.github.com/repos/acme/ops/issues/${index + 1}`;
    github.push({
      url,
      html_url: `https://github.com/acme/ops/issues/${index + 1}`,
      number: index + 1,
      title: `Incident ${index}`,
      user: { login: 'oncall' },
      labels: [{ name: `severity::SEV${1 + (index % 4)}` }, { name: `service::svc-${index % 37}` }],
      state: 'closed',
      created_at: `${dateOf(index)}T10:00:00Z`,
      closed_at: `${dateOf(index)}T12:00:00Z`,
      body: body(index),
    });
    githubComments.push({ issue_url: url, user: { login: 'sre' }, created_at: `${dateOf(index)}T11:00:00Z`, body: `Comment on ${index}.` });
    gitlab.push({
      iid: index + 1,
      project_id: 1,
      title: `Incident ${index}`,
      author: { username: 'oncall' },
      labels: [`service::svc-${index % 37}`],
      state: 'closed',
      created_at: `${dateOf(index)}T10:00:00.000Z`,
      web_url: `https://gitlab.example.com/acme/ops/-/issues/${index + 1}`,
      severity: 'HIGH',
      description: body(index),
    });
    gitlabNotes.push({
      noteable_iid: index + 1,
      project_id: 1,
      system: false,
      author: { username: 'sre' },
      created_at: `${dateOf(index)}T11:00:00.000Z`,
      body: `Note on ${index}.`,
    });
  }
  const githubDir = await dir('github-issues');
  await writeFile(join(githubDir, 'issues.json'), JSON.stringify(github));
  await writeFile(join(githubDir, 'comments.json'), JSON.stringify(githubComments));
  const gitlabDir = await dir('gitlab-issues');
  await writeFile(join(gitlabDir, 'issues.json'), JSON.stringify(gitlab));
  await writeFile(join(gitlabDir, 'notes.json'), JSON.stringify(gitlabNotes));
  return dirs;
}
