/**
 * Boxes I–III of the demo's rolling text (apps/server/src/seed/demo-rolling-text.ts), copied here: a
 * package does not import from an app. Brackets side by side, sponsors, an Alt group, footnotes,
 * agreed and ad ref paragraphs.
 */
export const DEMO_TEXT = `Box I. Characterisation of lethal autonomous weapons systems

1. The characterisation set out in this Box is without prejudice to the application of international law to any weapon system and does not prejudge a future definition. {agreed}
2. For the purposes of this instrument, lethal autonomous weapons systems are weapon systems that, once activated, can [identify,] select and engage [targets][military objectives] [with lethal force]{Veloria} without further intervention by a human operator.
2bis. The following functions do not, by themselves, make a weapon system a lethal autonomous weapons system:
   (a) automated navigation, surveillance or sensor fusion that supports, but does not replace, a human decision to engage;
   (b) target recognition that only proposes targets for validation by a human operator;
   (c) the engagement of incoming munitions by systems designed [exclusively][principally]{Kestria} for the defence of a fixed position.
3. Any characterisation should be technology-neutral and should not hamper the peaceful uses of autonomy in civilian research, industry and trade.^[The Chair understands "peaceful uses" to include dual-use research conducted under national export controls.] {agreed ad ref}

Box II. Application of international humanitarian law and the human element needed to comply with it

1. International humanitarian law applies in full to all weapon systems, including those with autonomy in the selection and engagement of targets. {agreed}
2. Decisions on the use of force remain human decisions. Responsibility for them [cannot be transferred to machines][rests with human beings at all times] and extends across the whole life cycle of a weapon system.
3. Compliance with international humanitarian law, in particular with the rules of distinction, proportionality and precautions in attack, requires [that the human element include][a human element that includes], inter alia:
   (a) a sufficient understanding of the system's functions, capabilities and limitations in its intended environment of use;
   (b) the ability to set limits on the types of target, the duration, the geographical area and the scale of an operation;
   (c) the ability to [intervene and deactivate the system][supervise the system and intervene]{Veloria} [in a timely manner]{Arandia};
   (d) [context-appropriate human judgement and control]{Arandia, Kestria}[appropriate levels of human judgement]{Veloria} over the use of force.
4 Alt 1. The type and degree of human control required depend on the characteristics of the weapon system, its operational environment and the military task it performs.
4 Alt 2. [Meaningful human control]{Arandia, Solmar} shall be retained over every use of force, irrespective of the characteristics of the weapon system or of its operational environment.
5. Legal assessments in the conduct of hostilities are made by commanders and operators on the basis of the information reasonably available to them at the relevant time. {agreed ad ref}

Box III. Prohibitions and requirements

1. [High Contracting Parties][States] [shall][should] not develop, produce, acquire, deploy or use lethal autonomous weapons systems that cannot be used in compliance with international humanitarian law.
2. In particular, [High Contracting Parties][States] [shall][should] not employ weapon systems that:
   (a) are designed to operate without [any] human control over their critical functions;
   (b) have effects that cannot be [anticipated][reasonably foreseen] and limited as required by international humanitarian law;
   (c) [are designed to select and engage human beings as targets]{Arandia, Solmar};
   (d) [cannot be deactivated once activated]{Kestria}.
2bis. [Nothing in paragraph 2 affects systems designed solely to intercept munitions, aircraft or vehicles in defence against an imminent attack.]{Veloria}
3. For all other lethal autonomous weapons systems, [High Contracting Parties][States] [shall][should] ensure that:
   (a) the types of target are limited to objects that are military objectives by nature;
   (b) the duration, geographical scope and scale of operation are [limited][appropriately limited]{Veloria};
   (c) human operators are trained to understand the system and its foreseeable effects;
   (d) the system can be [deactivated][overridden] by a human operator [at any time][where feasible]{Kestria}.
3bis. The requirements in paragraph 3 [should be reviewed][shall be reviewed]{Arandia} periodically in the light of technological developments.
4. The Group notes the value of confidence-building measures, including voluntary exchanges of national doctrines and policies on autonomy in weapon systems. {agreed ad ref}
`;
