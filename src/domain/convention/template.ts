/**
 * The project's default text of a convention territoriale globale: preamble, fourteen articles,
 * seven annexes and the visas. The wording is the project's own; it follows the structure and the
 * rules of the conventions Caf sign with local authorities without reproducing any one of them.
 * Strings hold placeholders (`{collectivite}`, `{date_fin}` …) that `render.ts` fills, so that the
 * stored text stays right when a date, a name or a threshold changes.
 */

import { ANNEX_TITLES, ARTICLE_TITLES } from './labels.js';
import type {
  Annex,
  AnnexKey,
  Article,
  ArticleKey,
  Block,
  ListItem,
  TemplateVariant,
  Visa,
} from './model.js';

const p = (text: string): Block => ({ type: 'paragraph', text });
const h = (text: string): Block => ({ type: 'heading', text });
const ul = (...items: Array<string | ListItem>): Block => ({
  type: 'list',
  items: items.map((item) => (typeof item === 'string' ? { text: item } : item)),
});
const li = (text: string, ...items: string[]): ListItem => ({ text, items: items.map((t) => ({ text: t })) });

const isGroup = (variant: TemplateVariant) => variant === 'intercommunality';

// ─── Preamble ──────────────────────────────────────────────────────────────────────────────────

function preamble(variant: TemplateVariant): Block[] {
  return [
    p(
      'Depuis leur création, les caisses d’allocations familiales accompagnent toutes les familles, quelle que soit leur situation. Par les prestations qu’elles versent comme par les services qu’elles aident à créer, elles soutiennent chacun dès la naissance et tout au long de son parcours, et renforcent leur appui lorsque la famille traverse des difficultés.',
    ),
    p(
      'La branche Famille agit auprès de chaque parent, mère ou père, selon sa situation et dans un souci d’équité. Ses priorités sont l’articulation entre vie familiale et vie professionnelle, l’accueil des enfants et des jeunes et la lutte contre la pauvreté ; elle y répond par une offre globale de service.',
    ),
    p('Quatre missions structurent son action :'),
    ul(
      'permettre aux familles d’articuler leur vie familiale, leur vie professionnelle et leur vie sociale ;',
      'soutenir les parents dans leur rôle, accompagner le développement des enfants et l’autonomie des jeunes ;',
      'favoriser l’autonomie des personnes et leur insertion sociale et professionnelle ;',
      'aider les familles à disposer d’un logement décent et d’un cadre de vie de qualité.',
    ),
    p(
      isGroup(variant)
        ? 'Pour remplir ces missions, les Caf travaillent de longue date avec les acteurs de terrain, et d’abord avec les collectivités locales. Les intercommunalités et les communes qui les composent portent en effet une large part des services du quotidien destinés aux familles.'
        : 'Pour remplir ces missions, les Caf travaillent de longue date avec les acteurs de terrain, et d’abord avec les collectivités locales. Les communes, au titre de leur compétence générale, portent en effet une large part des services du quotidien destinés aux familles.',
    ),
    p(
      'Les situations des habitants varient fortement d’un territoire à l’autre et les besoins des familles évoluent. Y répondre suppose l’engagement des acteurs locaux ; c’est pourquoi la Caf soutient les collectivités qui construisent un projet de territoire en faveur des familles.',
    ),
    p(
      'La convention territoriale globale (Ctg) est la démarche partenariale qui donne corps à ce projet. Fondée sur un diagnostic partagé avec les partenaires concernés, elle fixe les priorités et les moyens à y consacrer dans un plan d’actions, afin de maintenir et de développer les services aux familles et de soutenir toute action utile aux allocataires.',
    ),
    p(
      'Démarche d’investissement social et territorial, la Ctg adapte les équipements et les services aux besoins, facilite l’accès aux droits et rend plus efficaces les interventions des différents acteurs. Elle tient compte des schémas départementaux, notamment du schéma départemental des services aux familles et de l’animation de la vie sociale, ainsi que des stratégies de lutte contre la pauvreté.',
    ),
    p(
      'Dans cet esprit, et afin d’agir au plus près des besoins du territoire, {caf} et {collectivite} décident de conclure la présente convention territoriale globale pour renforcer leur action commune.',
    ),
  ];
}

// ─── Articles ──────────────────────────────────────────────────────────────────────────────────

function articleBlocks(key: ArticleKey, variant: TemplateVariant): Block[] {
  switch (key) {
    case 'object':
      return [
        p(
          'La présente convention définit le projet global du territoire en direction des familles et la manière de le mettre en œuvre. Ce projet repose sur un diagnostic partagé qui examine l’ensemble des enjeux du territoire.',
        ),
        p('La convention a pour objet :'),
        ul(
          'de relever les besoins prioritaires du territoire de {territoire}, présentés dans le diagnostic figurant en annexe 1 ;',
          'de retenir les champs d’intervention à privilégier compte tenu de l’écart entre l’offre existante et les besoins ;',
          'de consolider et d’améliorer les services existants en mobilisant les cofinancements, selon la liste de l’annexe 3 ;',
          'de susciter des actions nouvelles là où les services actuels ne couvrent pas les besoins.',
        ),
        p(
          variant === 'intercommunality'
            ? 'L’échelle intercommunale permet de coordonner l’offre de services à l’échelle du bassin de vie ; les communes du territoire sont associées à la démarche.'
            : variant === 'commune_under_5000'
              ? 'Compte tenu de la taille de la commune, les parties recherchent dès que possible une coopération avec les communes voisines ou avec l’intercommunalité, l’échelle intercommunale ou celle du bassin de vie restant l’objectif à terme.'
              : 'À terme, une convention conclue à l’échelle intercommunale ou à celle du bassin de vie reste l’objectif, selon le degré de coopération que les élus du territoire souhaitent engager.',
        ),
      ];
    case 'caf_fields':
      return [
        p('L’action de la Caf s’inscrit dans les quatre missions de la branche Famille :'),
        ul(
          'permettre aux familles d’articuler vie familiale, vie professionnelle et vie sociale ;',
          'soutenir la fonction parentale, le développement des enfants et l’autonomie des jeunes ;',
          'favoriser l’autonomie des personnes et leur insertion sociale et professionnelle ;',
          'aider les familles à améliorer leur logement et leur cadre de vie.',
        ),
        p(
          'Sur le territoire de {territoire}, la Caf intervient pour consolider l’offre existante et pour en développer de nouvelles, en particulier dans les domaines suivants :',
        ),
        ul(
          'une offre d’accueil du jeune enfant variée et de qualité ;',
          'la qualité de l’accueil des enfants sur les temps périscolaires et extrascolaires ;',
          'un accès plus égal aux activités de loisirs, pour mieux concilier vie familiale et vie professionnelle ;',
          'le soutien aux parents dans leur rôle éducatif ;',
          'l’animation de la vie sociale du territoire ;',
          'la prise en compte de la transition écologique dans les actions soutenues.',
        ),
      ];
    case 'local_authority_fields':
      return [
        p(
          variant === 'intercommunality'
            ? '{Collectivite} {accord:conduit|conduisent}, dans le cadre des compétences qui {accord:lui|leur} sont confiées et en lien avec les communes du territoire, des actions répondant aux besoins repérés.'
            : '{Collectivite} {accord:conduit|conduisent} des actions de proximité répondant aux besoins repérés sur le territoire.',
        ),
        p('Ces actions, et les structures et partenaires qui les portent, relèvent des domaines suivants :'),
        ul(
          li('Petite enfance :', 'actions à préciser.'),
          li('Enfance et jeunesse :', 'actions à préciser.'),
          li('Handicap et inclusion :', 'actions à préciser.'),
          li('Soutien à la parentalité :', 'actions à préciser.'),
          li('Insertion et accès aux droits :', 'actions à préciser.'),
          li('Animation de la vie sociale :', 'actions à préciser.'),
        ),
      ];
    case 'shared_objectives':
      return [
        p('Au vu du diagnostic, les parties retiennent les objectifs communs suivants :'),
        ul(
          li(
            'Permettre aux familles d’articuler vie familiale, vie professionnelle et vie sociale :',
            'développer et structurer une offre variée pour les tout-petits ;',
            'développer et structurer une offre variée pour les enfants d’âge scolaire.',
          ),
          li(
            'Soutenir la fonction parentale, le développement des enfants et l’autonomie des jeunes :',
            'alléger les charges des familles et épauler les parents dans leur rôle ;',
            'favoriser l’égalité des chances à l’école et rapprocher les familles de l’institution scolaire ;',
            'accompagner les jeunes vers l’autonomie et la vie adulte.',
          ),
          li(
            'Aider les familles à améliorer leur logement et leur cadre de vie :',
            'encourager la participation des familles à la vie locale et citoyenne.',
          ),
          li(
            'Favoriser l’autonomie des personnes et leur insertion sociale et professionnelle :',
            'accompagner les personnes et les familles touchées par le handicap ;',
            'soutenir les familles qui traversent un événement ou une difficulté fragilisant leur équilibre ;',
            'aider les personnes et les familles en situation de pauvreté à accéder à l’emploi et à s’y maintenir.',
          ),
        ),
      ];
    case 'commitments':
      return [
        p(
          '{Caf} et {collectivite} mobilisent les moyens nécessaires pour atteindre les objectifs qu’elles se fixent dans le plan d’actions de la présente convention.',
        ),
        p(
          'La convention s’inscrit dans les orientations de la Convention d’objectifs et de gestion conclue entre l’État et la Cnaf. Chaque partie l’applique avec les dispositifs et outils de ses propres compétences et garde toute liberté de travailler avec ses partenaires habituels ou d’engager les actions qu’elle juge utiles.',
        ),
        p(
          'Par la Ctg, la Caf et {la_collectivite} s’engagent aussi à maintenir leur soutien financier aux services destinés aux familles du territoire.',
        ),
        p(
          'Au terme du contrat enfance jeunesse conclu avec {la_collectivite}, la Caf maintient le montant des financements bonifiés versés à ce titre l’année précédente, tel qu’il figure en charge à payer dans ses comptes, et le verse directement, sous la forme du « bonus territoire Ctg », aux structures du territoire que soutient la collectivité compétente.',
        ),
        p(
          'En contrepartie, {la_collectivite} {accord:maintient|maintiennent} {accord:sa|leur} participation financière et en {accord:adapte|adaptent} la répartition entre les équipements et services énumérés en annexe 3. Cet engagement suit l’évolution des compétences exercées.',
        ),
      ];
    case 'collaboration':
      return [
        p(
          'Chaque partie affecte à la convention les moyens humains, en nombre et en qualification suffisants, et les moyens matériels, notamment les données et statistiques, dont son exécution a besoin.',
        ),
        p(
          variant === 'intercommunality'
            ? 'Un comité de pilotage, coprésidé par la Caf et {la_collectivite}, suit la convention. Il réunit leurs représentants ; les communes du territoire y sont associées.'
            : variant === 'commune_under_5000'
              ? 'Un comité de pilotage, coprésidé par la Caf et {la_collectivite}, suit la convention. Il réunit leurs représentants ; il peut être commun avec celui de communes voisines engagées dans une démarche comparable.'
              : 'Un comité de pilotage, coprésidé par la Caf et {la_collectivite}, suit la convention. Il réunit leurs représentants.',
        ),
        p(
          'D’un commun accord, les parties peuvent y inviter, avec voix consultative, toute personne compétente sur les sujets traités.',
        ),
        p('Le comité de pilotage :'),
        ul(
          'suit l’atteinte des objectifs et conduit l’évaluation de la convention ;',
          'renforce la coordination des partenaires, dans leurs actions propres comme au sein des comités thématiques déjà en place ;',
          's’assure que les actions des partenaires se complètent sur le territoire ;',
          'repère et encourage les initiatives et les actions innovantes.',
        ),
        p('Son secrétariat est tenu par {la_collectivite}. Il se réunit au moins une fois par an.'),
        p(
          'Le pilotage opérationnel, la collaboration technique et le suivi de la Ctg, arrêtés d’un commun accord, sont décrits en annexe 4.',
        ),
      ];
    case 'data_exchange':
      return [
        p('Les parties se transmettent mutuellement les informations utiles à l’exécution de la convention.'),
        h('1. Données statistiques'),
        p(
          'Les données statistiques que les parties mettent à disposition respectent les règles de secret statistique de {caf} :',
        ),
        ul(
          'une valeur relative à une commune ou à une zone infracommunale comptant moins de {seuil_zone} allocataires n’est pas diffusée ;',
          'une valeur non nulle inférieure à {seuil_valeur} allocataires n’est pas diffusée.',
        ),
        p(
          'Ces données servent uniquement aux besoins internes des parties dans le cadre de leurs politiques. Les parties s’interdisent de les céder à des tiers, en tout ou en partie et sous quelque forme que ce soit.',
        ),
        h('2. Données à caractère personnel'),
        p(
          'Toute demande d’échange de données à caractère personnel présentée par une partie est étudiée par l’autre partie, en sa qualité de responsable de traitement, qui en apprécie l’opportunité, la faisabilité et la conformité au RGPD. Elle est d’abord soumise pour avis au délégué à la protection des données compétent, celui de la partie qui détient les données ; il peut formuler des recommandations propres à l’échange envisagé.',
        ),
        p(
          'Tout échange ainsi mis en œuvre respecte le règlement (UE) 2016/679 du 27 avril 2016 (RGPD), la loi n° 78-17 du 6 janvier 1978 relative à l’informatique, aux fichiers et aux libertés et la doctrine de la Commission nationale de l’informatique et des libertés (Cnil). Chaque responsable de traitement concerné inscrit le traitement qui en résulte dans le registre prévu à l’article 30 du RGPD ; la présente convention ne l’en dispense pas.',
        ),
      ];
    case 'communication':
      return [
        p(
          'Dans leurs actions de communication portant sur le champ de la présente convention, les parties font état de leur coopération et mettent ce partenariat en valeur.',
        ),
      ];
    case 'evaluation':
      return [
        p(
          'Les actions sont évaluées au fil de la mise en œuvre de la Ctg, à chaque revue du plan d’actions. Les indicateurs, fixés dans le plan d’actions de la convention ou de ses avenants, mesurent l’efficacité des actions conduites.',
        ),
        p(
          'Au terme de la convention, les parties en dressent le bilan et en évaluent les effets, afin d’ajuster les objectifs aux évolutions observées.',
        ),
        p(
          'Les indicateurs élaborés au cours de cette évaluation peuvent compléter l’annexe 6 ou faire l’objet d’un avenant.',
        ),
      ];
    case 'duration':
      return [
        p('La présente convention s’applique du {date_debut} au {date_fin}.'),
        p(
          'Elle n’est pas reconduite tacitement : son renouvellement suppose une décision expresse des parties et la signature d’une nouvelle convention.',
        ),
      ];
    case 'formal_execution':
      return [
        p(
          'Toute modification de la convention ou de ses annexes est apportée par un avenant signé de toutes les parties. L’avenant désigne précisément les articles et les annexes qu’il modifie.',
        ),
        p(
          'Une clause déclarée nulle par une règle de droit applicable ou par une décision de justice définitive est regardée comme non écrite ; les autres clauses conservent leurs effets.',
        ),
        p('Si le titre d’une clause ne concorde pas avec son contenu, le contenu l’emporte.'),
      ];
    case 'termination':
      return [
        h('Résiliation de plein droit après mise en demeure'),
        p(
          'Lorsqu’une partie ne respecte pas l’une de ses obligations au titre de la présente convention, toute autre partie peut la mettre en demeure de s’y conformer par lettre recommandée avec avis de réception. Si la mise en demeure reste sans effet, la convention est résiliée de plein droit {delai_mise_en_demeure} après l’envoi de cette lettre.',
        ),
        p(
          'De même, lorsqu’une partie enfreint les lois et règlements en vigueur, la Caf peut la mettre en demeure de s’y conformer dans les mêmes formes ; à défaut, la convention est résiliée de plein droit par la Caf {delai_mise_en_demeure} après l’envoi de la lettre.',
        ),
        h('Résiliation immédiate en cas de modification sans avenant'),
        p(
          'Toute modification de la convention qui n’a pas fait l’objet d’un avenant signé entraîne sa résiliation de plein droit par la Caf, sans mise en demeure préalable ni formalité judiciaire.',
        ),
        h('Dénonciation'),
        p('Chaque partie peut mettre fin à la convention en respectant un préavis de {preavis}.'),
        h('Effets de la résiliation'),
        p(
          'La résiliation met fin immédiatement aux engagements des parties, sans préjudice des autres droits de chacune ni des dommages et intérêts qui pourraient être dus.',
        ),
      ];
    case 'disputes':
      return [
        h('Recours contentieux'),
        p(
          'Les litiges nés de l’exécution de la présente convention sont portés devant le tribunal administratif dans le ressort duquel se trouve le siège de la Caf.',
        ),
      ];
    case 'confidentiality':
      return [
        p(
          'Les parties et leurs personnels sont tenus au secret professionnel, à la discrétion et à la confidentialité sur les faits, informations, études et décisions qu’ils apprennent pendant l’exécution de la convention. Cette obligation demeure après la fin de la convention.',
        ),
      ];
  }
}

export const ARTICLE_KEYS: readonly ArticleKey[] = [
  'object',
  'caf_fields',
  'local_authority_fields',
  'shared_objectives',
  'commitments',
  'collaboration',
  'data_exchange',
  'communication',
  'evaluation',
  'duration',
  'formal_execution',
  'termination',
  'disputes',
  'confidentiality',
];

export function defaultArticles(variant: TemplateVariant): Article[] {
  return ARTICLE_KEYS.map((key, index) => ({
    number: index + 1,
    key,
    title: ARTICLE_TITLES[key],
    blocks: articleBlocks(key, variant),
  }));
}

export function defaultPreamble(variant: TemplateVariant): Block[] {
  return preamble(variant);
}

// ─── Annexes ───────────────────────────────────────────────────────────────────────────────────

export const ANNEX_KEYS: readonly AnnexKey[] = [
  'diagnostic',
  'action_plan',
  'facilities',
  'steering',
  'cooperation_officer',
  'evaluation',
  'deliberation',
];

function annexBlocks(key: AnnexKey, variant: TemplateVariant): Block[] {
  switch (key) {
    case 'diagnostic':
      return [
        p(
          'Le diagnostic partagé rassemble les données sur la population, les familles, la précarité, le handicap, le logement, la petite enfance, la jeunesse, la parentalité et l’intervention de la Caf sur le territoire de {territoire}, comparées à celles du département, ainsi que les besoins relevés avec les partenaires.',
        ),
        p(
          'Les valeurs publiées respectent les règles de secret statistique de l’article 7 : seuil de {seuil_zone} allocataires par zone et de {seuil_valeur} allocataires par valeur.',
        ),
      ];
    case 'action_plan':
      return [
        p('Le plan d’actions décline les objectifs de l’article 4. Chaque fiche action précise :'),
        ul(
          'l’objectif poursuivi et le besoin auquel l’action répond ;',
          'le pilote de l’action et les partenaires associés ;',
          'le public visé ;',
          'le calendrier de réalisation ;',
          'le budget prévisionnel et les cofinancements ;',
          'les critères et les indicateurs d’évaluation.',
        ),
      ];
    case 'facilities':
      return [
        p(
          'Les équipements et services ci-dessous sont soutenus financièrement par {la_collectivite} ; ils peuvent bénéficier du bonus territoire Ctg dans les conditions de l’article 5.',
        ),
        {
          type: 'table',
          columns: ['Type de structure', 'Nom et adresse de la structure'],
          rows: [
            ['Établissement d’accueil du jeune enfant (EAJE)', ''],
            ['Relais petite enfance (RPE)', ''],
            ['Lieu d’accueil enfants-parents (LAEP)', ''],
            ['Accueil de loisirs périscolaire', ''],
            ['Accueil de loisirs extrascolaire', ''],
            ['Espace de vie sociale ou centre social', ''],
            ['Contrat local d’accompagnement à la scolarité (CLAS)', ''],
          ],
        },
      ];
    case 'steering':
      return [
        h('Les instances'),
        p(
          'La Ctg clarifie les compétences et les champs d’intervention de chacun et favorise l’articulation des actions des acteurs locaux. Elle prend appui sur les instances partenariales et les groupes de travail déjà actifs sur le territoire :',
        ),
        {
          type: 'table',
          columns: ['Dispositif', 'Instance', 'Missions', 'Composition', 'Fréquence des réunions'],
          rows: [
            ['Projet éducatif territorial (PEDT)', '', '', '', ''],
            ['Plan mercredi', '', '', '', ''],
            ['Contrat de ville', '', '', '', ''],
          ],
        },
        p(
          'Piloter la Ctg demande une organisation qui permette de saisir, à l’échelle du territoire, l’ensemble des politiques conduites et leurs effets ; le comité de pilotage prévu à l’article 6 en a la charge.',
        ),
        h('La fonction de coopération'),
        p(
          'Pour atteindre les objectifs de développement et de structuration d’une offre de services globale et de qualité, les parties identifient une fonction de coopération entre les acteurs du territoire. Elle relie ces acteurs, fait naître coopérations et mutualisations et rend leurs interventions plus efficaces.',
        ),
        p(
          variant === 'commune_under_5000'
            ? 'Cette fonction peut être exercée par un chargé ou une chargée de coopération, le cas échéant partagé avec des communes voisines ou avec l’intercommunalité, selon le référentiel de l’annexe 5. Son contenu et son organisation sont arrêtés d’un commun accord ; la Caf fait connaître ses attentes et donne son avis sur le recrutement avant que {la_collectivite} ne {accord:retienne|retiennent} un candidat.'
            : 'Cette fonction peut être exercée par un chargé ou une chargée de coopération, selon le référentiel de l’annexe 5. Son contenu et son organisation sont arrêtés d’un commun accord ; la Caf fait connaître ses attentes et donne son avis sur le recrutement avant que {la_collectivite} ne {accord:retienne|retiennent} un candidat.',
        ),
      ];
    case 'cooperation_officer':
      return [
        h('Définition'),
        p(
          'Le chargé ou la chargée de coopération traduit en actions les orientations {de_la_collectivite} pour le développement du territoire. Travaillant en partenariat, il ou elle coordonne les politiques publiques qui concourent au projet de territoire, prépare les arbitrages et fait circuler l’information entre les décideurs, les services et les partenaires.',
        ),
        h('Attendus'),
        ul(
          'conduire ou actualiser le diagnostic du territoire, notamment sur l’accès des enfants des familles modestes ou en situation de handicap aux services ;',
          'conseiller les élus et le comité de pilotage et traduire leurs orientations en plan d’actions ;',
          'accompagner la réalisation des objectifs prioritaires de la Ctg.',
        ),
        h('Activités'),
        ul(
          'animer le réseau des acteurs et mobiliser les partenaires stratégiques ;',
          'adapter l’offre d’accueil aux besoins exprimés par les familles ;',
          'mettre en place les outils de suivi, d’observation et d’évaluation ;',
          'associer les habitants à la conception et au suivi des actions.',
        ),
      ];
    case 'evaluation':
      return [
        p(
          'L’évaluation porte sur les actions et sur la démarche ; elle apprécie aussi la fonction de coopération.',
        ),
        h('1. L’évaluation des actions'),
        p('Chaque fiche action du plan d’actions fixe ses propres critères d’évaluation.'),
        h('2. L’évaluation de la démarche'),
        p('La démarche est appréciée au regard de trois objectifs :'),
        ul(
          li(
            'rendre l’action de la Caf plus lisible :',
            'les familles et les acteurs locaux identifient-ils mieux le rôle de la Caf et s’adressent-ils à elle à bon escient ?',
          ),
          li(
            'renforcer le partenariat local :',
            'la Ctg a-t-elle rapproché les signataires et mieux articulé les interventions des acteurs du territoire ?',
          ),
          li(
            'adapter les services aux besoins des habitants :',
            'des services ont-ils été créés ou améliorés, et touchent-ils de nouveaux publics ?',
          ),
        ),
        p(
          'Un groupe de travail précise le rythme, les participants et les indicateurs de l’évaluation ; le comité de pilotage les valide chaque année.',
        ),
        h('3. La fonction de coopération'),
        p(
          'Les effets de la fonction de coopération sont appréciés au terme de la convention, au regard du référentiel de l’annexe 5 et des objectifs de développement de services, de partenariats et de compétences fixés par la Ctg. Les indicateurs correspondants sont arrêtés dès la signature.',
        ),
      ];
    case 'deliberation':
      return [
        p(
          '{Accord:La délibération par laquelle|Les délibérations par lesquelles} {le_conseil} {accord:autorise|autorisent} la signature de la présente convention {accord:est jointe|sont jointes} au format PDF.',
        ),
      ];
  }
}

const ANNEX_SOURCES: Record<AnnexKey, Annex['source']> = {
  diagnostic: 'diagnostic',
  action_plan: 'text',
  facilities: 'text',
  steering: 'text',
  cooperation_officer: 'text',
  evaluation: 'text',
  deliberation: 'upload',
};

export function defaultAnnexes(variant: TemplateVariant): Annex[] {
  return ANNEX_KEYS.map((key, index) => ({
    number: index + 1,
    key,
    title:
      key === 'facilities' && variant === 'intercommunality'
        ? 'Liste des équipements et services soutenus par l’intercommunalité'
        : ANNEX_TITLES[key],
    source: ANNEX_SOURCES[key],
    blocks: annexBlocks(key, variant),
    attachments: [],
  }));
}

// ─── Visas ─────────────────────────────────────────────────────────────────────────────────────

/** The legal references at the head of the convention; the last two name the deliberations. */
export function defaultVisas(): Visa[] {
  return [
    {
      id: 'css',
      text: 'Vu les articles L. 263-1, L. 223-1 et L. 227-1 à 3 du Code de la sécurité sociale ;',
    },
    { id: 'casf', text: 'Vu le Code de l’action sociale et des familles ;' },
    { id: 'cgct', text: 'Vu le Code général des collectivités territoriales ;' },
    {
      id: 'arrete_2001',
      text: 'Vu l’arrêté du 3 octobre 2001 relatif à l’action sociale des caisses d’allocations familiales ;',
    },
    {
      id: 'cog',
      text: 'Vu la Convention d’objectifs et de gestion (Cog) conclue entre l’État et la Caisse nationale des allocations familiales (Cnaf) ;',
    },
    {
      id: 'caf_board',
      text: 'Vu la délibération du conseil d’administration de {caf} en date du {date_deliberation_caf} ;',
    },
    {
      id: 'local_deliberation',
      text: 'Vu {deliberations_collectivite}, {accord:jointe|jointes} en annexe 7 de la présente convention ;',
    },
  ];
}
