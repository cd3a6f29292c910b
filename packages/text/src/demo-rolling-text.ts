/**
 * The demo's rolling text: a chair's text on lethal autonomous weapons systems in the register of the
 * CCW Group of Governmental Experts, written for Accord; it reproduces no real negotiating text. In
 * the plain-text format of @accord/text: square brackets around wording not yet agreed, side-by-side
 * alternatives "[shall][should]", sponsoring delegations after a bracket "{Arandia, Veloria}", a
 * paragraph status after the text ("{agreed}", "{agreed ad ref}"; none means under negotiation),
 * footnotes "^[…]".
 *
 * The delegations are invented, like every state in the demo: the Republic of Arandia and the Kingdom
 * of Veloria (members of the demo dialogue), the Federal Republic of Kestria and the Republic of Solmar.
 */
export const demoRollingText = `Box I. Characterisation of lethal autonomous weapons systems

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

Box IV. Measures across the life cycle, including legal reviews

1. Each State remains responsible for ensuring that its weapon systems can be used in compliance with international law at every stage of their life cycle, from research and development to decommissioning. {agreed}
2. Before adopting a weapon system with autonomy in its critical functions, each State [shall][should] assess whether the system can be used in compliance with its obligations under international law.^[For States party to Additional Protocol I, this paragraph recalls an existing obligation; for other States, the Chair reads it as a description of good practice.]
3. Legal reviews of such systems [should][shall], as appropriate:
   (a) begin at the earliest feasible stage of development and be repeated whenever a system is modified in a way that may affect its compliance with international law;
   (b) rest on testing and evaluation under conditions representative of the intended use;
   (c) [consider the risks of unintended bias in the data used to train the system]{Arandia, Kestria};
   (d) [address changes in a system's behaviour that result from learning after deployment]{Solmar}.
4. States are encouraged to share, on a voluntary basis, good practices on the conduct of legal reviews[, while respecting national security and commercial confidentiality]{Veloria}.
5. Measures to mitigate risk should include rigorous testing and evaluation, the training of operators, and the protection of systems against unauthorised access and tampering. {agreed ad ref}
6. [High Contracting Parties shall establish, under the Convention, a mechanism for the regular exchange of information on national review procedures.]{Arandia, Solmar}

Box V. Accountability and responsibility

1. States bear responsibility under international law for internationally wrongful acts committed with the use of lethal autonomous weapons systems, in accordance with the rules on State responsibility. {agreed ad ref}
2. Individuals remain criminally responsible for violations of international humanitarian law committed with the use of such systems, in accordance with applicable international law. {agreed}
3. Every use of a lethal autonomous weapons system [shall][should] take place within a responsible chain of human command and control.
4. [States shall record each activation and use of such systems in a manner that allows subsequent investigation.]{Arandia}[States should consider appropriate measures for record-keeping.]{Veloria}
`;
