# Admin for products: registered here.
