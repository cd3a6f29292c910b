import { describe, expect, it } from 'vitest';
import { addTyped, sponsorOptions, sponsorsNamedIn } from '../src/components/document/sponsor-options';
import { box, documentOf, paragraph, text } from './support/rolling-text';

const bracket = (id: string, sponsors: string[]) => [{ type: 'bracket', attrs: { id, sponsors } }];

describe('the sponsors offered for a bracket', () => {
  it('reads every sponsor the text names, once, in reading order', () => {
    const doc = documentOf(
      box('b1', 'Box', [
        paragraph('p1', 1, [text('shall', bracket('k1', ['Veloria', 'Kestria'])), text(' act '), text('now', bracket('k2', ['Arandia', 'veloria']))]),
        paragraph('p2', 2, [text('always', bracket('k3', []))]),
      ]),
    );
    expect(sponsorsNamedIn(doc)).toEqual(['Veloria', 'Kestria', 'Arandia', 'veloria']);
  });

  it('the delegate’s own delegation first, the others in the room, then states only the text names; a delegation as the text writes it', () => {
    const options = sponsorOptions(['Kingdom of Veloria', 'Republic of Arandia', 'Solmar'], 'Republic of Arandia', ['Veloria', 'Kestria', 'Arandia']);
    expect(options).toEqual([
      { name: 'Arandia', source: 'own', fullName: 'Republic of Arandia' },
      { name: 'Veloria', source: 'room', fullName: 'Kingdom of Veloria' },
      { name: 'Solmar', source: 'room' },
      { name: 'Kestria', source: 'text' },
    ]);
  });

  it('someone who speaks for no delegation (the chair, civil society) gets the room in alphabetical order, none proposed as theirs', () => {
    const options = sponsorOptions(['Republic of Arandia', 'Kingdom of Veloria'], 'Baltic Institute for Security and Technology', []);
    expect(options.map((o) => [o.name, o.source])).toEqual([
      ['Kingdom of Veloria', 'room'],
      ['Republic of Arandia', 'room'],
    ]);
    expect(sponsorOptions([], null, [])).toEqual([]);
  });

  it('a name typed in is added and checked; one already offered (or a delegation’s full name) is checked rather than named twice', () => {
    const options = sponsorOptions(['Kingdom of Veloria', 'Republic of Arandia'], 'Republic of Arandia', ['Arandia']);
    const result = addTyped(options, new Set(['Arandia']), ' Mirosa , kingdom of veloria; Arandia');
    expect(result.options.map((o) => [o.name, o.source])).toEqual([
      ['Arandia', 'own'],
      ['Kingdom of Veloria', 'room'],
      ['Mirosa', 'typed'],
    ]);
    expect([...result.checked]).toEqual(['Arandia', 'Mirosa', 'Kingdom of Veloria']);
    expect(result.added).toEqual(['Mirosa', 'Kingdom of Veloria', 'Arandia']);
    // "Veloria" is the Kingdom of Veloria's short name: the delegation is checked.
    expect([...addTyped(options, new Set(), 'veloria').checked]).toEqual(['Kingdom of Veloria']);
  });
});
