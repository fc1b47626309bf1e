package org.fedcot.cli.privacy;

import java.util.List;

/**
 * The fixed English text {@code fedcot bench perturb} perturbs: 40 sentences of everyday prose
 * (about 600 words, some 350 distinct), one sentence per call, as a pipeline perturbs one question
 * at a time. Written for this benchmark.
 */
final class BenchText {
    static final List<String> SENTENCES = List.of(
            "The old lighthouse keeper climbed the narrow stairs every evening to light the lamp.",
            "Fishermen returning late relied on its steady beam to find the harbour entrance.",
            "One winter a violent storm damaged the roof and flooded the lower rooms.",
            "The village council debated for weeks whether the building was worth repairing.",
            "Some members argued that modern satellite navigation had made the tower useless.",
            "Others insisted that history and tradition deserved protection regardless of cost.",
            "Eventually a local teacher proposed turning the lighthouse into a small museum.",
            "Children could learn about ships, weather, tides and the dangers of the rocky coast.",
            "Volunteers painted the walls, repaired the windows and collected photographs from families.",
            "A retired captain donated his brass compass, charts and a battered wooden telescope.",
            "The museum opened in spring, and visitors arrived from neighbouring towns by bicycle.",
            "Tourists often asked whether the keeper had ever seen a shipwreck from the gallery.",
            "He told them about a freighter that ran aground in thick fog many years earlier.",
            "The crew had waited on the deck until lifeboats reached them before sunrise.",
            "Such stories made the exhibition popular with schools across the whole region.",
            "Meanwhile scientists installed instruments on the tower to measure wind and rainfall.",
            "Their data helped farmers decide when to plant potatoes, barley and winter wheat.",
            "A nearby bakery began selling bread shaped like the lighthouse, which children loved.",
            "The mayor praised the project as an example of cooperation between generations.",
            "Newspapers published articles describing how a forgotten ruin became a cultural centre.",
            "In summer the museum hosted concerts, poetry readings and exhibitions of local painting.",
            "Musicians played violins and guitars on the grass while the sun slowly disappeared.",
            "Young couples walked along the cliffs, watching seabirds circle above the waves.",
            "Doctors from the hospital organised a charity race that finished beside the tower.",
            "Runners collected money for a new ambulance and equipment for the children's ward.",
            "Engineers later discovered that the foundations were weakening because of erosion.",
            "The sea had carved deep channels beneath the rocks during decades of heavy storms.",
            "Geologists recommended building a concrete barrier to absorb the force of the water.",
            "The government agreed to pay half of the expense if the community raised the rest.",
            "Families organised markets, auctions and dinners to gather the necessary funds.",
            "A famous novelist who grew up in the village contributed the profits of her latest book.",
            "Within two years the barrier was complete and the cliffs were considered safe again.",
            "The keeper, now elderly, was invited to switch on a new electric lamp at the ceremony.",
            "He smiled quietly and said that the light belonged to everyone who had helped.",
            "Students wrote essays about the experience, and several won national prizes.",
            "Researchers from the university studied how small communities preserve their heritage.",
            "They interviewed residents about memory, identity, work and the changing economy.",
            "Many people said the lighthouse reminded them that patience can overcome difficulty.",
            "Today the building welcomes thousands of visitors and still guides boats at night.",
            "On clear evenings its light can be seen from the mountains far across the bay.");

    private BenchText() {}
}
